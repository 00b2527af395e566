import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accessToken, api, API_BASE, ApiError, refreshSession } from '../../api/client';
import { useWorkspaceKey } from '../auth/session';
import type { CustomField, ImportRecord, ImportsPage, LeadList, StartImportBody, UndoReport, UploadPreview } from './types';

// Keys: ['workspace', <id>, 'imports', 'list' | 'detail' | 'preview', …]. Starting or undoing an
// import also moves leads, lists, custom fields and jobs, so those are refetched too.

export const useImportsKey = () => [...useWorkspaceKey(), 'imports'] as const;

const HISTORY_PAGE_SIZE = 25;
/** While an import runs its counts grow block by block; the job's own stream gives the bar. */
const RUNNING_POLL_MS = 2_000;

export const isImportRunning = (status: ImportRecord['status']) => status === 'queued' || status === 'running' || status === 'paused';
/** The verification started after the import is still running (or about to start). */
export const isVerifyRunning = (record: ImportRecord) =>
  Boolean(record.verify?.jobId && (record.verify.status === null || ['queued', 'running', 'paused'].includes(record.verify.status)));

export function useImportHistory() {
  const key = useImportsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list'],
    queryFn: ({ pageParam, signal }) => api.get<ImportsPage>('/imports', { limit: HISTORY_PAGE_SIZE, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((i) => isImportRunning(i.status))) ? RUNNING_POLL_MS * 5 : false),
  });
}

export function useImport(importId: string | null) {
  const key = useImportsKey();
  return useQuery({
    queryKey: [...key, 'detail', importId],
    queryFn: ({ signal }) => api.get<ImportRecord>(`/imports/${encodeURIComponent(importId!)}`, undefined, signal),
    enabled: Boolean(importId),
    refetchInterval: (q) => {
      const d = q.state.data;
      if (!d) return false;
      // The verification starts as the last block commits: polled until it has ended too.
      return isImportRunning(d.status) || isVerifyRunning(d) ? RUNNING_POLL_MS : false;
    },
  });
}

/** The preview again, for another sheet or with the header row forced on or off. */
export const fetchPreview = (uploadId: string, choice: { sheet?: string; hasHeader?: boolean }) =>
  api.get<UploadPreview>(`/imports/uploads/${encodeURIComponent(uploadId)}/preview`, {
    sheet: choice.sheet,
    hasHeader: choice.hasHeader === undefined ? undefined : String(choice.hasHeader),
  });

export function useTargetLists() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'lists', 'for-import'],
    queryFn: ({ signal }) => api.get<{ items: LeadList[] }>('/lists', undefined, signal),
    select: (d) => d.items.filter((l) => !l.archivedAt),
  });
}

export function useCustomFields() {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'custom-fields'],
    queryFn: ({ signal }) => api.get<{ items: CustomField[] }>('/custom-fields', undefined, signal),
    select: (d) => d.items,
  });
}

function useRefetchAfterImportChange() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['imports', 'leads', 'lists', 'custom-fields', 'jobs', 'audit'].map((area) => queryClient.invalidateQueries({ queryKey: [...ws, area] })),
    );
}

export function useStartImport() {
  const refetch = useRefetchAfterImportChange();
  return useMutation({
    mutationFn: (body: StartImportBody) => api.post<ImportRecord>('/imports', body),
    onSuccess: () => void refetch(),
  });
}

export function useUndoImport(importId: string) {
  const refetch = useRefetchAfterImportChange();
  return useMutation({
    mutationFn: () => api.post<UndoReport>(`/imports/${encodeURIComponent(importId)}/undo`),
    onSettled: () => void refetch(),
  });
}

/**
 * The error report needs the bearer token, so a plain link cannot fetch it: it is downloaded
 * with fetch() and handed to the browser as a file.
 */
export async function downloadErrorReport(importId: string): Promise<void> {
  const url = `${API_BASE}/imports/${encodeURIComponent(importId)}/errors.csv`;
  const get = () => fetch(url, { headers: bearer(), credentials: 'same-origin' });
  let res = await get();
  if (res.status === 401 && (await refreshSession())) res = await get();
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error ?? { code: 'HTTP_ERROR', message: `The server answered ${res.status}` });
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href, download: `import-${importId}-errors.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

const bearer = (): Record<string, string> => {
  const token = accessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};
