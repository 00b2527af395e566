import type { Writable } from 'node:stream';
import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { getVisibleList } from '../lists/index.js';
import { scopeOf, startExportSchema, type StartExportInput } from './export-input.js';
import { checkScope, countScopeUpTo } from './lead-batches.js';
import type { LeadExportRow } from './exports.tables.js';
import { finishExport, setExportState } from './finish-export.js';
import { prepareExport } from './prepare-export.js';
import { writeLeadExport } from './write-lead-export.js';

/**
 * An export written straight to a stream (an HTTP response, the CLI's stdout) instead of a
 * job's file: recorded and audited the same way. `onStart` receives the export row before the
 * first byte (e.g. to set the download's file name).
 */
export async function streamExport(
  ctx: Ctx,
  input: StartExportInput,
  out: Writable,
  hooks: { onStart?: (exp: LeadExportRow) => void; onProgress?: (rows: number) => void; maxRows?: number } = {},
): Promise<{ exportId: string; rowCount: number }> {
  if (hooks.maxRows !== undefined) {
    const q = parseInput(startExportSchema, input);
    const scope = scopeOf(q);
    await checkScope(ctx, scope);
    if (q.listId) await getVisibleList(ctx, q.listId);
    if ((await countScopeUpTo(ctx, scope, hooks.maxRows)) > hooks.maxRows) {
      throw validationError(`More than ${hooks.maxRows.toLocaleString('en')} leads: start an export job instead (POST /exports)`);
    }
  }
  const exp = await prepareExport(ctx, input, 'running');
  hooks.onStart?.(exp);
  try {
    const written = await writeLeadExport(ctx, exp, out, hooks.onProgress);
    await finishExport(ctx, exp, written, null);
    return { exportId: exp.id, rowCount: written.rowCount };
  } catch (e) {
    await setExportState(ctx, exp.id, { status: 'failed', error: e instanceof Error ? e.message.slice(0, 500) : 'export failed', finishedAt: ctx.clock.now() });
    throw e;
  }
}
