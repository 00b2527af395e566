import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { ListResponse } from '../../../api/types';
import { useLeadsKey } from '../api';

/** A named search + filter + list with its columns and sort (docs/LEADS.md, "Saved views"). */
export interface SavedView {
  id: string;
  name: string;
  query: { q?: string; filter?: Record<string, unknown>; list_id?: string };
  columns: string[];
  sort: string | null;
  order: 'asc' | 'desc' | null;
  shared: boolean;
  createdBy: string | null;
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SavedViewInput = Pick<SavedView, 'name' | 'query' | 'columns' | 'sort' | 'order' | 'shared'>;

export function useSavedViews() {
  const key = useLeadsKey();
  return useQuery({
    queryKey: [...key, 'views'],
    queryFn: ({ signal }) => api.get<ListResponse<SavedView>>('/lead-views', undefined, signal),
    select: (d) => d.items,
  });
}

function useViewsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const key = useLeadsKey();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: [...key, 'views'] }) });
}

export const useCreateSavedView = () => useViewsMutation((input: SavedViewInput) => api.post<SavedView>('/lead-views', input));
export const useUpdateSavedView = () =>
  useViewsMutation(({ id, ...changes }: Partial<SavedViewInput> & { id: string }) => api.patch<SavedView>(`/lead-views/${encodeURIComponent(id)}`, changes));
export const useDeleteSavedView = () => useViewsMutation((id: string) => api.delete(`/lead-views/${encodeURIComponent(id)}`));
