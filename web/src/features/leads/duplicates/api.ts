import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useLeadsKey, useLeadsMutation } from '../api';
import type { Lead, LeadDetail, Page } from '../types';

/** docs/LEADS.md, "Duplicates and merge". */
export const DUPLICATE_KEYS = ['linkedin_url', 'phone', 'name_company'] as const;
export type DuplicateKey = (typeof DUPLICATE_KEYS)[number];

export interface DuplicateGroup {
  key: DuplicateKey;
  /** The shared value ("https://www.linkedin.com/in/jane", "+33612345678", "acme.com · doe · jane"). */
  value: string;
  count: number;
  /** Oldest first: the natural survivor. */
  leads: Lead[];
}

export function useDuplicates(key: DuplicateKey) {
  const leadsKey = useLeadsKey();
  return useInfiniteQuery({
    queryKey: [...leadsKey, 'duplicates', key],
    queryFn: ({ pageParam, signal }) => api.get<Page<DuplicateGroup>>('/leads/duplicates', { key, limit: 25, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface MergeInput {
  survivorId: string;
  mergedIds: string[];
  /** field → id of the lead whose value wins. */
  fields: Record<string, string>;
}

export const useMergeLeads = () => useLeadsMutation((input: MergeInput) => api.post<{ mergeId: string; lead: LeadDetail }>('/leads/merge', input));
export const useUndoMerge = () =>
  useLeadsMutation((mergeId: string) => api.post<{ survivor: LeadDetail; restoredLeadIds: string[] }>(`/lead-merges/${encodeURIComponent(mergeId)}/undo`));
