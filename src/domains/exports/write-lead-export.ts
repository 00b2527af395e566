import type { Writable } from 'node:stream';
import type { Ctx } from '../../core/context.js';
import { createExportWriter } from './export-writers.js';
import type { LeadExportRow } from './exports.tables.js';
import { leadBatches } from './lead-batches.js';

/** Up to this many rows, an export also leaves an `exported` entry on each lead's timeline. */
export const PER_LEAD_ACTIVITY_LIMIT = 1_000;

export interface WrittenExport {
  rowCount: number;
  /** Lead ids of small exports (≤ PER_LEAD_ACTIVITY_LIMIT rows), for their timelines; null past that. */
  leadIds: string[] | null;
}

/**
 * Streams the export's rows into `out` in its format, batch by batch: reading waits while the
 * destination is busy, so memory holds one batch whatever the size of the export.
 */
export async function writeLeadExport(
  ctx: Ctx,
  exp: Pick<LeadExportRow, 'format' | 'columns' | 'scope'>,
  out: Writable,
  onProgress?: (rows: number) => void | Promise<void>,
): Promise<WrittenExport> {
  // CSV lines are formatted by the database; JSON and XLSX need typed values.
  const csvLines = exp.format === 'csv';
  const writer = createExportWriter(csvLines ? 'csv-lines' : exp.format, out, exp.columns);
  let rowCount = 0;
  let leadIds: string[] | null = [];
  try {
    for await (const batch of leadBatches(ctx, exp.scope, exp.columns, { csvLines })) {
      await writer.writeRows(batch.values);
      rowCount += batch.values.length;
      if (leadIds) leadIds = rowCount <= PER_LEAD_ACTIVITY_LIMIT ? [...leadIds, ...batch.ids] : null;
      await onProgress?.(rowCount);
    }
    await writer.end();
  } catch (e) {
    out.destroy();
    throw e;
  }
  return { rowCount, leadIds };
}
