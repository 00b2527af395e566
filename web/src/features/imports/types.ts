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

export interface ImportOptions {
  dedupe: DedupeMode;
  matchOn: MatchKey[];
  tags: string[];
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
  createdBy: { userId: string | null; apiKeyId: string | null };
  createdAt: string;
  undoneAt: string | null;
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
