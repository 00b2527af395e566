import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Job } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import { useJobsKey } from '../jobs/api';
import { uploadFile } from '../verify/transfer';
import type { BulkFindPage, FindInput, FindStatus, SingleFindResult } from './types';

export function useFindEmail() {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FindInput) => api.post<SingleFindResult>('/find', input),
    // A find charges (or refunds) credits.
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] }),
  });
}

export type BulkFindSource = { kind: 'text'; text: string } | { kind: 'file'; file: File } | { kind: 'list'; listId: string };
export interface BulkFindOptions {
  skipSmtp: boolean;
  minConfidence: number;
  save: boolean;
  targetListId: string | null;
}

interface UploadAnswer {
  upload: { uploadId: string; fileName: string };
}

/** Starts a bulk find from pasted CSV, an uploaded CSV/XLSX (through the shared upload) or a list's leads without an email. */
export function useStartBulkFind() {
  const ws = useWorkspaceKey();
  const jobsKey = useJobsKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ source, options }: { source: BulkFindSource; options: BulkFindOptions }): Promise<Job> => {
      const common = { skipSmtp: options.skipSmtp, minConfidence: options.minConfidence, save: options.save, targetListId: options.save ? (options.targetListId ?? undefined) : undefined };
      if (source.kind === 'file') {
        const uploaded = await uploadFile<UploadAnswer>('/imports/uploads', source.file);
        return api.post<Job>('/find/bulk', { uploadId: uploaded.upload.uploadId, source: source.file.name, ...common });
      }
      if (source.kind === 'text') return api.post<Job>('/find/bulk', { text: source.text, source: 'pasted', ...common });
      return api.post<Job>('/find/bulk', { listId: source.listId, ...common, targetListId: undefined });
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: jobsKey }), queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] })]),
  });
}

const LIVE_POLL_MS = 2_000;

export function useBulkFindResults(jobId: string, status: FindStatus | null, cursor: number | null, live: boolean) {
  const ws = useWorkspaceKey();
  return useQuery({
    queryKey: [...ws, 'find', 'bulk-results', jobId, status, cursor],
    queryFn: ({ signal }) => api.get<BulkFindPage>(`/find/bulk/${encodeURIComponent(jobId)}/results`, { status, cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** Leads picked in the leads table: their ids, or the table's query ("everything matching"). */
export type LeadsToFind = { ids: string[] } | { match: Query };

/** "Find emails" on leads: a bulk find over those without an email, saving what is found onto them. */
export function useFindEmailsOfLeads() {
  const ws = useWorkspaceKey();
  const jobsKey = useJobsKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leads, skipSmtp }: { leads: LeadsToFind; skipSmtp: boolean }) => {
      const source = 'ids' in leads ? { leadIds: leads.ids } : { filter: filterOf(leads.match) };
      return api.post<Job>('/find/bulk', { ...source, skipSmtp, save: true });
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: jobsKey }), queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] })]),
  });
}

/** The leads query as the string parameters GET /leads takes. */
function filterOf(match: Query): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(match)) if (v !== undefined && v !== null && v !== '') filter[k] = String(v);
  return filter;
}
