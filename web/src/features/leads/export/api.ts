import { useMutation, useQuery } from '@tanstack/react-query';
import { accessToken, api, API_BASE } from '../../../api/client';
import { useWorkspaceKey } from '../../auth/session';

/** docs/EXPORTS.md: an export of a list, a selection, a filter or every lead, written by a job. */
export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface LeadExport {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  format: ExportFormat;
  columns: string[];
  scope: { kind: 'all' | 'list' | 'selection' | 'filter'; listId: string | null; selected: number | null };
  rowCount: number;
  bytes: number | null;
  fileName: string;
  jobId: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StartExport {
  format: ExportFormat;
  columns: string[];
  listId?: string;
  leadIds?: string[];
  filter?: unknown;
  /** Everything matching a leads query (the parameters of GET /leads). */
  query?: Record<string, unknown>;
}

export const useStartExport = () => useMutation({ mutationFn: (body: StartExport) => api.post<LeadExport>('/exports', body) });

/** The export while its job writes the file; polled until it is done. */
export function useExport(id: string | null) {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'exports', id],
    queryFn: ({ signal }) => api.get<LeadExport>(`/exports/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'completed' || q.state.data.status === 'failed') ? false : 1000),
  });
}

/**
 * Downloads the file. The access token lives in memory, so a plain link would arrive without
 * it: fetch with the token, then hand the browser the bytes.
 */
export async function downloadExport(exp: LeadExport) {
  const res = await fetch(`${API_BASE}/exports/${encodeURIComponent(exp.id)}/download`, {
    headers: { Authorization: `Bearer ${accessToken() ?? ''}` },
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`The download failed (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = exp.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
