import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ListResponse, WorkspaceRef } from '../../api/types';
import { useAuthActions } from '../auth/session';

export const workspacesKey = ['workspaces'] as const;

/** Every workspace the signed-in user belongs to, with their role in each. */
export const useWorkspaces = () =>
  useQuery({
    queryKey: workspacesKey,
    queryFn: ({ signal }) => api.get<ListResponse<WorkspaceRef>>('/workspaces', undefined, signal),
    select: (d) => d.items,
  });

/** Creates a workspace (the user becomes its owner) and switches to it. */
export function useCreateWorkspace() {
  const { switchWorkspace } = useAuthActions();
  return useMutation({
    mutationFn: async (name: string) => {
      const created = await api.post<WorkspaceRef>('/workspaces', { name });
      await switchWorkspace(created.id);
      return created;
    },
  });
}
