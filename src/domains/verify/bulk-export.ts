import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { bulkResultsFilter, listBulkResults } from './bulk-results.js';
import { loadBulkJob } from './bulk-summary.js';
import { CSV_COLUMNS, csvHeader, csvLine, defuseFormula, resultCells } from './result-format.js';
import type { VerifyResult } from './types.js';

export const bulkExportInput = bulkResultsFilter.extend({
  jobId: z.guid('jobId must be a job id'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

const PAGE = 1_000;

/** Verified rows in input order, read page by page (never the whole job in memory). */
async function* verifiedRows(ctx: Ctx, filter: z.output<typeof bulkExportInput>): AsyncIterable<{ input: string; result: VerifyResult }> {
  let cursor: number | undefined;
  do {
    const page = await listBulkResults(ctx, { jobId: filter.jobId, status: filter.status?.join(','), reason: filter.reason?.join(','), q: filter.q, limit: PAGE, cursor });
    for (const row of page.items) if (row.result) yield { input: row.input, result: row.result };
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * A bulk verification's results as a streamed CSV or XLSX file (the CLI's csv columns), with
 * formula-like values defused. The job is checked first, so that NOT_FOUND comes before any byte.
 */
export async function exportBulkResults(ctx: Ctx, input: z.input<typeof bulkExportInput>): Promise<ExportFile> {
  const v = parseInput(bulkExportInput, input);
  await loadBulkJob(ctx, v.jobId);
  const fileName = `verify-${v.jobId}.${v.format}`;
  if (v.format === 'csv') {
    async function* lines() {
      yield csvHeader() + '\r\n';
      for await (const { input: given, result } of verifiedRows(ctx, v)) yield csvLine(given, result) + '\r\n';
    }
    return { fileName, contentType: 'text/csv; charset=utf-8', body: Readable.from(lines()) };
  }
  const body = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Results');
  void (async () => {
    sheet.addRow([...CSV_COLUMNS]).commit();
    for await (const { input: given, result } of verifiedRows(ctx, v)) {
      sheet.addRow(resultCells(given, result).map((c) => (typeof c === 'string' ? defuseFormula(c) : c))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => body.destroy(e as Error));
  return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
