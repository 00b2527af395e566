/**
 * How the imports domain reads an uploaded file. The adapter (src/adapters/files) streams CSV
 * (any delimiter and encoding) and XLSX; the domain sees records of strings only.
 */
export interface TableRecord {
  /** 1-based row number in the file as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: string[];
}

export interface TableFileInfo {
  format: 'csv' | 'xlsx';
  /** CSV: the detected encoding (e.g. `utf-8`, `utf-16le`, `windows-1252`) and delimiter. */
  encoding?: string;
  delimiter?: string;
  /** XLSX: every sheet's name, and the one read. */
  sheets?: string[];
  sheet?: string;
}

export interface TableFileReader {
  /** Sniffs format, encoding and delimiter; throws a VALIDATION DomainError for files it refuses. */
  inspect(path: string, options?: { sheet?: string }): Promise<TableFileInfo>;
  /** Streams the records of the file (of the chosen sheet), never holding the file in memory. */
  records(path: string, info: TableFileInfo, signal?: AbortSignal): AsyncIterable<TableRecord>;
  /** How many records `records` yields (the header included) and the widest one's cell count. */
  count(path: string, info: TableFileInfo): Promise<{ records: number; width: number }>;
}

/** Limits a file must respect; past them it is refused with a message naming the limit. */
export const FILE_LIMITS = {
  maxColumns: 1_000,
  /** One record (all its cells) — also what an unclosed quote runs into. */
  maxRecordBytes: 16 * 1024 * 1024,
  defaultMaxUploadBytes: 1024 * 1024 * 1024,
} as const;
