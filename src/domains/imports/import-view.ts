import type { ImportRow } from './imports.tables.js';

export interface ImportView {
  id: string;
  fileName: string;
  /** `queued`/`running`/`paused` while the job runs, then `completed`, `partial`, `failed`, `cancelled`; `undone` after an undo. */
  status: string;
  jobId: string | null;
  listId: string | null;
  mapping: { index: number; header: string; field: string | null }[];
  options: Record<string, unknown>;
  file: Record<string, unknown>;
  counts: { total: number; created: number; updated: number; skipped: number; invalid: number; duplicates: number };
  /** Rows done so far (blocks of the job × their size), and percent. */
  progress: { percent: number; etaSeconds: number | null };
  createdBy: { userId: string | null; apiKeyId: string | null };
  createdAt: string;
  undoneAt: string | null;
}

export function toImportView(row: ImportRow, job: { status: string; percent: number; etaSeconds: number | null } | null): ImportView {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.undoneAt ? 'undone' : (job?.status ?? row.status),
    jobId: row.jobId,
    listId: row.listId,
    mapping: row.mapping,
    options: row.options,
    file: row.fileInfo,
    counts: { total: row.totalRows, created: row.created, updated: row.updated, skipped: row.skipped, invalid: row.invalid, duplicates: row.duplicates },
    progress: { percent: job?.percent ?? 0, etaSeconds: job?.etaSeconds ?? null },
    createdBy: { userId: row.createdByUserId, apiKeyId: row.createdByApiKeyId },
    createdAt: row.createdAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}
