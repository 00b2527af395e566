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
  /**
   * The email verification started when the import ended (option `verifyEmails`): its job, and
   * (in `getImport`) its status, progress and counts by status. `error` says why it could not start.
   */
  verify: ImportVerifyView | null;
  createdBy: { userId: string | null; apiKeyId: string | null };
  createdAt: string;
  undoneAt: string | null;
}

export interface ImportVerifyView {
  jobId: string | null;
  status: string | null;
  total: number;
  processed: number;
  percent: number;
  counts: { valid: number; invalid: number; risky: number; unknown: number };
  error: string | null;
}

/** What a verify job looks like to the import's view (`getJob`'s fields it reads). */
export interface VerifyJobLike {
  status: string;
  total: number;
  processed: number;
  percent: number;
  stats: Record<string, number>;
}

function verifyView(row: ImportRow, job: VerifyJobLike | null): ImportVerifyView | null {
  if (!row.verifyJobId && !row.verifyError) return null;
  const stat = (k: string) => Number(job?.stats[k] ?? 0);
  return {
    jobId: row.verifyJobId,
    status: job?.status ?? null,
    total: job?.total ?? 0,
    processed: job?.processed ?? 0,
    percent: job?.percent ?? 0,
    counts: { valid: stat('valid'), invalid: stat('invalid'), risky: stat('risky'), unknown: stat('unknown') },
    error: row.verifyError,
  };
}

export function toImportView(row: ImportRow, job: { status: string; percent: number; etaSeconds: number | null } | null, verifyJob: VerifyJobLike | null = null): ImportView {
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
    verify: verifyView(row, verifyJob),
    createdBy: { userId: row.createdByUserId, apiKeyId: row.createdByApiKeyId },
    createdAt: row.createdAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}
