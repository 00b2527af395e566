import { Outlet } from 'react-router';

/** /app/imports and its pages: the history (index), the wizard (new) and one import (:importId). */
export function ImportsPage() {
  return <Outlet />;
}
