import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ListResponse } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import type { LeadList, ListFolder, ListInput, ListsFilter } from './types';

// Keys: ['workspace', <id>, 'lists', …] and ['workspace', <id>, 'list-folders']. Lead counts move
// when leads are added or removed, so lead writes invalidate 'lists' too.

export const useListsKey = () => [...useWorkspaceKey(), 'lists'] as const;

export function useLists(filter: Partial<ListsFilter> = {}) {
  const key = useListsKey();
  const query = { folderId: filter.folderId ?? undefined, archived: filter.archived ?? 'false', q: filter.q?.trim() || undefined };
  return useQuery({
    queryKey: [...key, 'all', query],
    queryFn: ({ signal }) => api.get<ListResponse<LeadList>>('/lists', query, signal),
    select: (d) => d.items,
  });
}

export function useList(listId: string | null) {
  const key = useListsKey();
  return useQuery({
    queryKey: [...key, 'one', listId],
    queryFn: ({ signal }) => api.get<LeadList>(`/lists/${encodeURIComponent(listId!)}`, undefined, signal),
    enabled: !!listId,
  });
}

export function useFolders() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'list-folders'],
    queryFn: ({ signal }) => api.get<ListResponse<ListFolder>>('/list-folders', undefined, signal),
    select: (d) => d.items,
  });
}

/** A write that refreshes the lists, the folders and (for memberships) the leads. */
function useListsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () =>
      Promise.all(['lists', 'list-folders', 'leads'].map((k) => queryClient.invalidateQueries({ queryKey: [...ws, k] }))),
  });
}

const listPath = (id: string) => `/lists/${encodeURIComponent(id)}`;

export const useCreateList = () => useListsMutation((input: ListInput) => api.post<LeadList>('/lists', input));
export const useUpdateList = () =>
  useListsMutation(({ id, ...input }: ListInput & { id: string }) => api.patch<LeadList>(listPath(id), input));
export const useArchiveList = () =>
  useListsMutation(({ id, archived }: { id: string; archived: boolean }) => api.post<LeadList>(`${listPath(id)}/${archived ? 'archive' : 'restore'}`));
export const useDeleteList = () => useListsMutation((id: string) => api.delete(listPath(id)));

export const useCreateFolder = () => useListsMutation((name: string) => api.post<ListFolder>('/list-folders', { name }));
export const useRenameFolder = () =>
  useListsMutation(({ id, name }: { id: string; name: string }) => api.patch<ListFolder>(`/list-folders/${encodeURIComponent(id)}`, { name }));
export const useDeleteFolder = () => useListsMutation((id: string) => api.delete(`/list-folders/${encodeURIComponent(id)}`));

export const useAddLeadsToList = () =>
  useListsMutation(({ listId, leadIds }: { listId: string; leadIds: string[] }) =>
    api.post<{ added: number; leadCount: number }>(`${listPath(listId)}/leads`, { leadIds }),
  );
export const useRemoveLeadsFromList = () =>
  useListsMutation(({ listId, leadIds }: { listId: string; leadIds: string[] }) =>
    api.post<{ removed: number; leadCount: number }>(`${listPath(listId)}/leads/remove`, { leadIds }),
  );
