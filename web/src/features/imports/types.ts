// Shapes of the imports API (docs/IMPORTS.md). Kept beside the feature: only it uses them.

export type MappingReason = 'header' | 'values' | 'header+values' | 'custom' | 'empty' | 'remembered';

/** A column and where it goes: a canonical field, `custom.<key>`, or null (skip). */
export interface MappedColumn {
  index: number;
  header: string;
  field: string | null;
}

export interface SuggestedColumn extends MappedColumn {
  /** 0–1. */
  confidence: number;
  reason: MappingReason | string;
}

export type FileInfo =
  | { format: 'csv'; encoding: string; delimiter: string }
  | { format: 'xlsx'; sheets: string[]; sheet: string };

export interface UploadPreview {
  upload: { uploadId: string; fileName: string; bytes: number };
  info: FileInfo;
  hasHeader: boolean;
  headers: string[];
  rows: string[][];
  columns: SuggestedColumn[];
  remembered: boolean;
}

export type DedupeMode = 'skip' | 'update' | 'merge';
export type MatchKey = 'email' | 'linkedin' | 'name_company';
/** Rows of the file repeating an earlier row: keep the first, fill its empty fields, or let the later values win. */
export type InFileDuplicateMode = 'first' | 'merge' | 'last';

export interface ImportOptions {
  dedupe: DedupeMode;
  matchOn: MatchKey[];
  duplicatesInFile: InFileDuplicateMode;
  tags: string[];
  verifyEmails: boolean;
  verifySkipSmtp: boolean;
  hasHeader: boolean;
  sheet?: string;
}

export interface StartImportBody {
  uploadId: string;
  mapping: MappedColumn[];
  options: ImportOptions;
  listId?: string;
  newListName?: string;
}

export type ImportStatus = 'queued' | 'running' | 'paused' | 'completed' | 'partial' | 'failed' | 'cancelled' | 'undone';

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  duplicates: number;
}

export interface ImportRecord {
  id: string;
  fileName: string;
  status: ImportStatus;
  jobId: string | null;
  listId: string | null;
  mapping: MappedColumn[];
  options: Partial<ImportOptions>;
  file: { format?: string; encoding?: string; delimiter?: string; bytes?: number; sheet?: string };
  counts: ImportCounts;
  progress: { percent: number; etaSeconds: number | null };
  /** The email verification started when the import ended (option verifyEmails). */
  verify: ImportVerify | null;
  createdBy: { userId: string | null; apiKeyId: string | null };
  createdAt: string;
  undoneAt: string | null;
}

export interface ImportVerify {
  jobId: string | null;
  status: string | null;
  total: number;
  processed: number;
  percent: number;
  counts: { valid: number; invalid: number; risky: number; unknown: number };
  /** Why it could not start (e.g. not enough credits). */
  error: string | null;
}

export interface ImportsPage {
  items: ImportRecord[];
  next: string | null;
}

export interface UndoReport {
  removed: number;
  restored: number;
  keptChanged: { leadId: string; action: 'created' | 'updated' }[];
}

export interface LeadList {
  id: string;
  name: string;
  leadCount: number;
  archivedAt: string | null;
}

export interface CustomField {
  id: string;
  key: string;
  label: string;
}
