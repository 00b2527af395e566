import ExcelJS from 'exceljs';
import { validationError } from '../../core/errors.js';
import { FILE_LIMITS, type TableRecord } from '../../domains/imports/index.js';

type CellValue = ExcelJS.CellValue;

/** The sheet names of a workbook, read from its streamed parts (rows are skipped). */
export async function listSheets(path: string): Promise<string[]> {
  const names: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'ignore' });
  try {
    for await (const sheet of reader) {
      names.push((sheet as unknown as { name: string }).name);
      // Draining is needed to reach the next sheet.
      for await (const row of sheet) void row;
    }
  } catch (e) {
    throw validationError('This Excel file cannot be read (damaged or not an .xlsx workbook)', { cause: String(e) });
  }
  return names;
}

/** Streams the rows of one sheet as strings, numbered as Excel numbers them. */
export async function* readXlsx(path: string, sheetName: string, signal?: AbortSignal): AsyncIterable<TableRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
  let iterator: AsyncIterable<unknown>;
  try {
    iterator = reader as unknown as AsyncIterable<unknown>;
    for await (const sheet of iterator) {
      const ws = sheet as AsyncIterable<ExcelJS.Row> & { name: string };
      if (ws.name !== sheetName) {
        for await (const row of ws) void row;
        continue;
      }
      for await (const row of ws) {
        if (signal?.aborted) return;
        const values = (row.values as CellValue[]).slice(1);
        if (values.length > FILE_LIMITS.maxColumns) {
          throw validationError(`Row ${row.number} has ${values.length} columns; at most ${FILE_LIMITS.maxColumns} are supported`);
        }
        const cells = Array.from(values, cellText);
        if (cells.some((c) => c !== '')) yield { rowNumber: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if ((e as { name?: string }).name === 'DomainError') throw e;
    throw validationError('This Excel file cannot be read (damaged or not an .xlsx workbook)', { cause: String(e) });
  }
}

/** A cell as the text a user sees: results of formulas, dates as ISO, rich text joined. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if ('result' in v) return cellText(v.result as CellValue);
    if ('richText' in v && Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(value);
}
