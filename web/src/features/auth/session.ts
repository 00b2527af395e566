import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { announceSignOut, request, sessionStore, setSession } from '../../api/client';
import type { Role, Session } from '../../api/types';
import { roleAtLeast } from '../../lib/roles';

export const useSessionState = () => useSyncExternalStore(sessionStore.subscribe, sessionStore.get);

/** The signed-in session; only for components rendered inside the signed-in app. */
export function useSession(): Session {
  const state = useSessionState();
  if (state.status !== 'signed-in') throw new Error('useSession() needs a signed-in user');
  return state.session;
}

export const useCurrentWorkspace = () => useSession().workspace;

/** The current role in the current workspace, or null without one. */
export const useRole = (): Role | null => useSessionState().session?.workspace?.role ?? null;

/** Whether the current role may do what needs `min` (viewer < member < admin < owner). */
export const useCan = (min: Role) => roleAtLeast(useRole(), min);

/** Query-key prefix for everything scoped to the current workspace: switching changes every key. */
export function useWorkspaceKey() {
  const id = useSessionState().session?.workspace?.id ?? 'none';
  return ['workspace', id] as const;
}

const publicCall = <T>(path: string, body: unknown) =>
  request<T>(path, { method: 'POST', body, auth: false, retryOnUnauthorized: false });

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
  workspaceName?: string;
}

export function useAuthActions() {
  const queryClient = useQueryClient();

  const login = useCallback(async (email: string, password: string) => {
    const session = await publicCall<Session>('/auth/login', { email, password });
    queryClient.clear();
    setSession(session);
    return session;
  }, [queryClient]);

  const register = useCallback(async (input: RegisterInput) => {
    const session = await publicCall<Session>('/auth/register', input);
    queryClient.clear();
    setSession(session);
    return session;
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await publicCall<void>('/auth/logout', {});
    } finally {
      // Signed out locally even when the server could not be reached.
      setSession(null, 'logout');
      queryClient.clear();
      announceSignOut();
    }
  }, [queryClient]);

  const switchWorkspace = useCallback(async (workspaceId: string) => {
    const session = await request<Session>('/auth/switch-workspace', { method: 'POST', body: { workspaceId } });
    setSession(session);
    // Lists of workspaces carry the role per workspace; everything else is keyed by workspace id.
    await queryClient.invalidateQueries({ queryKey: ['workspaces'] });
    return session;
  }, [queryClient]);

  return { login, register, logout, switchWorkspace };
}
