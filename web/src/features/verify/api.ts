import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Job } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import { useJobsKey } from '../jobs/api';
import { uploadFile } from './transfer';
import type { BulkOptions, BulkResultsPage, BulkSummary, SingleVerifyResult, VerifyReason, VerifyStatus } from './types';

// Keys: summaries and results under ['workspace', <id>, 'verify', …]; the bulk jobs themselves
// live in the jobs feature's cache (['workspace', <id>, 'jobs', …]) so its live streams update them.

export function useVerifyEmail() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; skipSmtp: boolean }) => api.post<SingleVerifyResult>('/verify', input),
    // A verification charges (or refunds) credits.
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] }),
  });
}

export type BulkSource = { kind: 'text'; text: string; label: string } | { kind: 'file'; file: File } | { kind: 'list'; listId: string };

/** Starts a bulk verification from pasted text, an uploaded CSV/XLSX file or a list of leads. */
export function useStartBulkVerify() {
  const ws = useWorkspaceKey();
  const jobsKey = useJobsKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ source, options }: { source: BulkSource; options: BulkOptions }): Promise<Job> => {
      switch (source.kind) {
        case 'file':
          return uploadFile<Job>('/verify/bulk/upload', source.file, { skipSmtp: options.skipSmtp, writeToLeads: options.writeToLeads, source: source.file.name });
        case 'text':
          return api.post<Job>('/verify/bulk', { text: source.text, source: source.label, ...options });
        case 'list':
          return api.post<Job>('/verify/bulk', { listId: source.listId, ...options });
      }
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: jobsKey }), queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] })]),
  });
}

const LIVE_POLL_MS = 2_000;

/** Counts by status and reason, the options and what was charged; polled while the job runs. */
export function useBulkSummary(jobId: string, live: boolean) {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'verify', 'bulk-summary', jobId],
    queryFn: ({ signal }) => api.get<BulkSummary>(`/verify/bulk/${encodeURIComponent(jobId)}`, undefined, signal),
    refetchInterval: live ? LIVE_POLL_MS : false,
    retry: false,
  });
}

export interface BulkResultsQuery {
  status: VerifyStatus | null;
  reason: VerifyReason | null;
  q: string;
  /** The previous page's nextCursor (keyset). */
  cursor: number | null;
  limit: number;
}

export function useBulkResults(jobId: string, query: BulkResultsQuery, live: boolean) {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'verify', 'bulk-results', jobId, query],
    queryFn: ({ signal }) =>
      api.get<BulkResultsPage>(
        `/verify/bulk/${encodeURIComponent(jobId)}/results`,
        { status: query.status, reason: query.reason, q: query.q.trim() || undefined, cursor: query.cursor, limit: query.limit },
        signal,
      ),
    placeholderData: keepPreviousData,
    // Results fill in while the job runs; the event stream only carries counts.
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** Refetches a bulk job's summary and results (when it ends). */
export function useRefreshBulk() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return (jobId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [...ws, 'verify', 'bulk-summary', jobId] }),
      queryClient.invalidateQueries({ queryKey: [...ws, 'verify', 'bulk-results', jobId] }),
    ]);
}

export interface ListOption {
  id: string;
  name: string;
  leadCount: number;
}

export function useLists(enabled: boolean) {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'lists', 'options'],
    queryFn: ({ signal }) => api.get<{ items: ListOption[] }>('/lists', undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}
