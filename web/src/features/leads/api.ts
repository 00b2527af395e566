import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { ListResponse } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import type { Activity, CustomField, LeadDetail, LeadPatch, Lead, Note, Page } from './types';

// Keys: ['workspace', <id>, 'leads', 'page' | 'detail' | 'notes' | 'activity', …] and
// ['workspace', <id>, 'custom-fields']. Lead writes also move list counts ('lists').

export const useLeadsKey = () => [...useWorkspaceKey(), 'leads'] as const;

/**
 * One keyset page of leads. The previous page stays on screen while the next one loads, but
 * never across workspaces: after a switch the table shows a loader, not the other's rows.
 */
export function useLeadsPage(query: Query, cursor: string | null, limit: number) {
  const key = useLeadsKey();
  return useQuery({
    queryKey: [...key, 'page', query, cursor, limit],
    queryFn: ({ signal }) => api.get<Page<Lead>>('/leads', { ...query, cursor, limit }, signal),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === key[1] ? previous : undefined),
  });
}

/** How many leads match a query; capped at 1,000 with a quick search ("1,000+"). */
export function useLeadsCount(query: Query) {
  const key = useLeadsKey();
  return useQuery({
    queryKey: [...key, 'count', query],
    queryFn: ({ signal }) => api.get<{ count: number; capped: boolean }>('/leads/count', query, signal),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === key[1] ? previous : undefined),
  });
}

export function useCustomFields() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'custom-fields'],
    queryFn: ({ signal }) => api.get<ListResponse<CustomField>>('/custom-fields', undefined, signal),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function useLead(id: string) {
  const key = useLeadsKey();
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: ({ signal }) => api.get<LeadDetail>(leadPath(id), undefined, signal) });
}

const NOTES_PAGE = 20;
const ACTIVITY_PAGE = 30;

export function useLeadNotes(id: string) {
  const key = useLeadsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'notes', id],
    queryFn: ({ pageParam, signal }) => api.get<Page<Note>>(`${leadPath(id)}/notes`, { limit: NOTES_PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useLeadActivity(id: string) {
  const key = useLeadsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'activity', id],
    queryFn: ({ pageParam, signal }) => api.get<Page<Activity>>(`${leadPath(id)}/activity`, { limit: ACTIVITY_PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A lead write: refreshes leads and list counts once it settles. */
export function useLeadsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all(['leads', 'lists'].map((k) => queryClient.invalidateQueries({ queryKey: [...ws, k] }))),
  });
}

export const useCreateLead = () => useLeadsMutation((body: LeadPatch & { list_ids?: string[] }) => api.post<LeadDetail>('/leads', body));
export const useUpdateLead = () => useLeadsMutation(({ id, patch }: { id: string; patch: LeadPatch }) => api.patch<LeadDetail>(leadPath(id), patch));
export const useDeleteLead = () => useLeadsMutation((id: string) => api.delete(leadPath(id)));
export const useRestoreLead = () => useLeadsMutation((id: string) => api.post<LeadDetail>(`${leadPath(id)}/restore`));
export const useAddNote = () => useLeadsMutation(({ id, body }: { id: string; body: string }) => api.post<Note>(`${leadPath(id)}/notes`, { body }));
