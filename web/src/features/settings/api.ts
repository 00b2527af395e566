import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, patchSessionWorkspace, refreshSession } from '../../api/client';
import type {
  ApiKey,
  AuditPage,
  CreatedApiKey,
  InvitableRole,
  Invitation,
  ListResponse,
  Member,
  Role,
  WorkspaceRef,
} from '../../api/types';
import { useAuthActions, useCan, useSession, useWorkspaceKey } from '../auth/session';
import { workspacesKey } from '../workspaces/api';

// Every key starts with ['workspace', <id>], so switching workspaces never shows another's data.

export function useMembers() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'members'],
    queryFn: ({ signal }) => api.get<ListResponse<Member>>('/workspace/members', undefined, signal),
    select: (d) => d.items,
  });
}

/** Pending invitations; only admins may list them, so others never ask. */
export function useInvitations() {
  const ws = useWorkspaceKey();
  const isAdmin = useCan('admin');
  return useQuery({
    queryKey: [...ws, 'invitations'],
    queryFn: ({ signal }) => api.get<ListResponse<Invitation>>('/workspace/invitations', undefined, signal),
    select: (d) => d.items,
    enabled: isAdmin,
  });
}

export function useApiKeys() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'api-keys'],
    queryFn: ({ signal }) => api.get<ListResponse<ApiKey>>('/workspace/api-keys', undefined, signal),
    select: (d) => d.items,
  });
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(action: string) {
  const ws = useWorkspaceKey();
  return useInfiniteQuery({
    queryKey: [...ws, 'audit', action],
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/workspace/audit', { limit: AUDIT_PAGE_SIZE, cursor: pageParam, action: action || undefined }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Runs a write, then refetches the workspace lists it changed. */
function useWorkspaceMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, invalidates: string[]) {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all(invalidates.map((k) => queryClient.invalidateQueries({ queryKey: [...ws, k] }))),
  });
}

export function useChangeMemberRole() {
  const me = useSession().user.id;
  return useWorkspaceMutation(async ({ userId, role }: { userId: string; role: Role }) => {
    const member = await api.patch<Member>(`/workspace/members/${encodeURIComponent(userId)}`, { role });
    // My own role is inside my access token: get a fresh one.
    if (userId === me) await refreshSession();
    return member;
  }, ['members', 'audit']);
}

export function useRemoveMember() {
  const me = useSession().user.id;
  const { switchWorkspace } = useAuthActions();
  const queryClient = useQueryClient();
  return useWorkspaceMutation(async (userId: string) => {
    await api.delete(`/workspace/members/${encodeURIComponent(userId)}`);
    if (userId !== me) return;
    // I left this workspace: move to another one if I have any.
    const { items } = await api.get<ListResponse<WorkspaceRef>>('/workspaces');
    await queryClient.invalidateQueries({ queryKey: workspacesKey });
    if (items[0]) await switchWorkspace(items[0].id);
    else await refreshSession();
  }, ['members', 'audit']);
}

export const useInviteMember = () =>
  useWorkspaceMutation((input: { email: string; role: InvitableRole }) => api.post<Invitation>('/workspace/invitations', input), [
    'invitations',
    'audit',
  ]);

export const useRevokeInvitation = () =>
  useWorkspaceMutation((id: string) => api.delete(`/workspace/invitations/${encodeURIComponent(id)}`), ['invitations', 'audit']);

export const useCreateApiKey = () =>
  useWorkspaceMutation((input: { name: string; role: InvitableRole }) => api.post<CreatedApiKey>('/workspace/api-keys', input), [
    'api-keys',
    'audit',
  ]);

export const useRevokeApiKey = () =>
  useWorkspaceMutation((id: string) => api.delete(`/workspace/api-keys/${encodeURIComponent(id)}`), ['api-keys', 'audit']);

export function useRenameWorkspace() {
  const queryClient = useQueryClient();
  return useWorkspaceMutation(async (name: string) => {
    const ws = await api.patch<WorkspaceRef>('/workspace', { name });
    patchSessionWorkspace({ name: ws.name });
    await queryClient.invalidateQueries({ queryKey: workspacesKey });
    return ws;
  }, ['audit']);
}

/** userId → display name, to show who invited someone or created a key. */
export function useMemberNames() {
  const members = useMembers();
  const names = new Map<string, string>();
  for (const m of members.data ?? []) names.set(m.userId, m.name || m.email);
  return (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '—');
}
