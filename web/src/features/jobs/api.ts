import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Job, JobItemStatus, JobItemsPage, JobProgress, JobsPage } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import type { JobFilters } from './filters';
import { isActive } from './format';

// Keys: ['workspace', <id>, 'jobs', 'list' | 'detail' | 'items', …]. Live progress from the
// event streams is written into the list and detail entries (see useJobStreams).

export const useJobsKey = () => [...useWorkspaceKey(), 'jobs'] as const;

const JOBS_PAGE_SIZE = 25;
const ITEMS_PAGE_SIZE = 50;
/** A safety net under the live streams: new jobs, jobs beyond the streamed few, lost streams. */
const ACTIVE_POLL_MS = 10_000;

export function useJobs(filters: JobFilters) {
  const key = useJobsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<JobsPage>(
        '/jobs',
        {
          limit: JOBS_PAGE_SIZE,
          cursor: pageParam,
          kind: filters.kind,
          status: filters.status.join(','),
          createdAfter: filters.from ? `${filters.from}T00:00:00.000Z` : undefined,
          createdBefore: filters.to ? nextDayIso(filters.to) : undefined,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((j) => isActive(j.status))) ? ACTIVE_POLL_MS : false),
  });
}

/** The day after `YYYY-MM-DD`, as the exclusive end of a UTC day range. */
function nextDayIso(day: string) {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
}

export function useJob(jobId: string) {
  const key = useJobsKey();
  return useQuery({
    queryKey: [...key, 'detail', jobId],
    queryFn: ({ signal }) => api.get<Job>(`/jobs/${encodeURIComponent(jobId)}`, undefined, signal),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? ACTIVE_POLL_MS : false),
  });
}

export function useJobItems(jobId: string, status: JobItemStatus | null) {
  const key = useJobsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'items', jobId, status],
    queryFn: ({ pageParam, signal }) =>
      api.get<JobItemsPage>(`/jobs/${encodeURIComponent(jobId)}/items`, { limit: ITEMS_PAGE_SIZE, cursor: pageParam, status }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry';

export function useJobAction(jobId: string) {
  const ws = useWorkspaceKey();
  const key = useJobsKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: JobAction) => api.post<Job>(`/jobs/${encodeURIComponent(jobId)}/${action}`),
    onSuccess: (job) => writeJob(queryClient, key, job),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        // Cancelling releases reserved credits; a retry reserves them again.
        queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] }),
      ]),
  });
}

type QueryClient = ReturnType<typeof useQueryClient>;
type JobsKey = ReturnType<typeof useJobsKey>;

/** Puts fresh figures of one job into its detail entry and into every list that shows it. */
export function writeJob(queryClient: QueryClient, key: JobsKey, patch: Partial<Job> & { id: string }) {
  queryClient.setQueryData<Job>([...key, 'detail', patch.id], (job) => (job ? { ...job, ...patch } : job));
  queryClient.setQueriesData<InfiniteData<JobsPage>>({ queryKey: [...key, 'list'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => (p.items.some((j) => j.id === patch.id) ? { ...p, items: p.items.map((j) => (j.id === patch.id ? { ...j, ...patch } : j)) } : p)),
        }
      : data,
  );
}

/** The fields of a progress event that belong on a job. */
export const progressPatch = (p: JobProgress): Partial<Job> & { id: string } => ({
  id: p.id,
  status: p.status,
  total: p.total,
  processed: p.processed,
  succeeded: p.succeeded,
  failed: p.failed,
  skipped: p.skipped,
  percent: p.percent,
  itemsPerSecond: p.itemsPerSecond,
  etaSeconds: p.etaSeconds,
  error: p.error,
  updatedAt: p.updatedAt,
});
