import { validationError } from '../../core/errors.js';
import { generatedHeaders, hasHeaderRow } from './detect-header.js';
import { suggestMapping, type ColumnSuggestion } from './map-columns.js';
import type { TableFileInfo, TableFileReader } from './table-file.js';

export interface FilePreview {
  info: TableFileInfo;
  hasHeader: boolean;
  headers: string[];
  /** The first data rows, padded to the header's width. */
  rows: string[][];
  columns: ColumnSuggestion[];
}

const SAMPLE_ROWS = 200;

/**
 * Reads the first rows of a file and suggests a mapping for every column. Refuses files with
 * no rows, with a clear message. `rows` limits what is returned; the mapping looks at more.
 */
export async function previewFile(
  reader: TableFileReader,
  path: string,
  options: { sheet?: string; rows?: number; hasHeader?: boolean } = {},
): Promise<FilePreview> {
  const info = await reader.inspect(path, { sheet: options.sheet });
  const sample: string[][] = [];
  const controller = new AbortController();
  for await (const record of reader.records(path, info, controller.signal)) {
    sample.push(record.cells);
    if (sample.length > SAMPLE_ROWS) break;
  }
  controller.abort();
  if (sample.length === 0) throw validationError(info.format === 'xlsx' ? `Sheet "${info.sheet}" is empty` : 'The file has no rows');
  const hasHeader = options.hasHeader ?? hasHeaderRow(sample[0]!, sample.slice(1, 21));
  const width = Math.max(...sample.map((r) => r.length));
  const headers = hasHeader ? pad(sample[0]!, width).map((h) => h.trim()) : generatedHeaders(width);
  if (hasHeader && sample.length === 1) throw validationError('The file has a header row but no data rows');
  const dataRows = (hasHeader ? sample.slice(1) : sample).map((r) => pad(r, width));
  return {
    info,
    hasHeader,
    headers,
    rows: dataRows.slice(0, options.rows ?? 20),
    columns: suggestMapping(headers, dataRows),
  };
}

const pad = (row: string[], width: number) => (row.length >= width ? row : [...row, ...Array<string>(width - row.length).fill('')]);
