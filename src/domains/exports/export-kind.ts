import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { defineJobKind, PermanentJobError } from '../jobs/index.js';
import { writeExportFile } from './export-files.js';
import { leadExports } from './exports.tables.js';
import { finishExport, setExportState } from './finish-export.js';
import { writeLeadExport } from './write-lead-export.js';

export const EXPORT_JOB_KIND = 'exports.run';
/** How often the row count of a running export is saved (for its progress). */
const PROGRESS_EVERY_ROWS = 50_000;

/**
 * The export job: one item, the file. A file cannot be written by several workers at once, so
 * the whole export is one chunk; its lease is renewed while it runs, and a run after a crash
 * writes the file over from the start. Row progress is saved on the export row as it goes.
 */
export const exportLeadsKind = defineJobKind({
  kind: EXPORT_JOB_KIND,
  payload: z.strictObject({ exportId: z.uuid() }),
  chunkSize: 1,
  retry: { maxAttempts: 3 },
  describe: () => 'Export leads',
  async process(ctx, chunk) {
    const exp = await loadExport(ctx, chunk.payload.exportId);
    await setExportState(ctx, exp.id, { status: 'running', rowCount: 0, error: null });
    try {
      const { result, bytes } = await writeExportFile(ctx, exp, (out) =>
        writeLeadExport(ctx, exp, out, async (rows) => {
          if (chunk.signal.aborted) throw new PermanentJobError('The export was cancelled');
          if (rows % PROGRESS_EVERY_ROWS < 5_000) await setExportState(ctx, exp.id, { rowCount: rows });
        }),
      );
      await withTransaction(ctx, (tx) => finishExport(tx, exp, result, bytes));
      return chunk.items.map((item) => ({ itemId: item.id, status: 'succeeded' as const, billing: 'free' as const, result: { rows: result.rowCount, bytes } }));
    } catch (e) {
      await setExportState(ctx, exp.id, { status: 'failed', error: e instanceof Error ? e.message.slice(0, 500) : 'export failed' });
      throw e;
    }
  },
});

async function loadExport(ctx: Ctx, exportId: string) {
  const [row] = await ctx.db
    .select()
    .from(leadExports)
    .where(and(eq(leadExports.id, exportId), eq(leadExports.workspaceId, ctx.workspaceId!)));
  if (!row) throw notFound('Export');
  return row;
}
