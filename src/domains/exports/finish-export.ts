import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { recordLeadActivity } from '../leads/index.js';
import { leadExports, type LeadExportRow } from './exports.tables.js';
import type { WrittenExport } from './write-lead-export.js';

/** Updates the export's row (status, counts, error) outside of any lead write. */
export async function setExportState(ctx: Ctx, exportId: string, set: Partial<Pick<LeadExportRow, 'status' | 'rowCount' | 'bytes' | 'error' | 'finishedAt' | 'jobId'>>) {
  await ctx.db
    .update(leadExports)
    .set(set)
    .where(and(eq(leadExports.id, exportId), eq(leadExports.workspaceId, requireWorkspaceId(ctx))));
}

/**
 * Marks an export done and, when it was small, leaves an `exported` entry on each lead's
 * timeline. Large exports are recorded once (this row and the audit log), not per lead: a
 * million timeline rows per export would cost more than the export itself.
 */
export async function finishExport(ctx: Ctx, exp: Pick<LeadExportRow, 'id' | 'format'>, written: WrittenExport, bytes: number | null) {
  await setExportState(ctx, exp.id, { status: 'completed', rowCount: written.rowCount, bytes, error: null, finishedAt: ctx.clock.now() });
  if (written.leadIds?.length) {
    await recordLeadActivity(ctx, written.leadIds.map((leadId) => ({ leadId, type: 'exported' as const, data: { exportId: exp.id, format: exp.format } })));
  }
}
