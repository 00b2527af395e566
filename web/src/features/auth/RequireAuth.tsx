import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { withNext } from '../../lib/navigation';
import { useSessionState } from './session';

/** The signed-in app: anyone else goes to the log-in page and comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'signed-in') return <>{children}</>;
  const here = location.pathname + location.search;
  const next = state.status === 'signed-out' && state.reason === 'logout' ? null : here;
  return <Navigate to={withNext('/login', next === '/app' ? null : next)} replace />;
}
