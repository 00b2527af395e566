import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ctx } from '../../core/context.js';
import type { LeadExportRow } from './exports.tables.js';

/** Export files live under `<data dir>/exports/<workspace>/<export id>.<format>`. */
export function exportFilePath(ctx: Ctx, exp: Pick<LeadExportRow, 'id' | 'workspaceId' | 'format'>): string {
  return join(ctx.config.dataDir, 'exports', exp.workspaceId, `${exp.id}.${exp.format}`);
}

/**
 * Writes the file through `fill` into `<path>.part`, renamed into place once complete: a
 * download never sees half a file, and a run after a crash starts the file over.
 */
export async function writeExportFile<T>(ctx: Ctx, exp: Pick<LeadExportRow, 'id' | 'workspaceId' | 'format'>, fill: (out: NodeJS.WritableStream & import('node:stream').Writable) => Promise<T>) {
  const path = exportFilePath(ctx, exp);
  await mkdir(join(path, '..'), { recursive: true });
  const part = `${path}.part`;
  try {
    const result = await fill(createWriteStream(part));
    await rename(part, path);
    return { result, bytes: (await stat(path)).size };
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
}

export async function removeExportFile(ctx: Ctx, exp: Pick<LeadExportRow, 'id' | 'workspaceId' | 'format'>) {
  await rm(exportFilePath(ctx, exp), { force: true });
}
