import { Navigate, Outlet, useSearchParams } from 'react-router';
import { safeNext } from '../../lib/navigation';
import { useSessionState } from './session';

/** Log-in and sign-up pages: a signed-in user goes on to `?next=` or the app. */
export function PublicOnly() {
  const state = useSessionState();
  const [params] = useSearchParams();
  if (state.status === 'signed-in') return <Navigate to={safeNext(params.get('next')) ?? '/app'} replace />;
  return <Outlet />;
}
