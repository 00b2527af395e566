import { createReadStream } from 'node:fs';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { seesAllLists } from '../lists/index.js';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, DomainError, notFound, validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { exportFilePath } from './export-files.js';
import { EXPORT_MIME } from './export-writers.js';
import { toExportView, type ExportView } from './export-view.js';
import { leadExports, type LeadExportRow } from './exports.tables.js';

/**
 * Exports are other people's data pulls (a private list's leads included): owners and admins
 * see every export of the workspace, others only those they made themselves.
 */
function ownExports(ctx: Ctx): SQL | undefined {
  if (seesAllLists(ctx)) return undefined;
  if (ctx.actor.userId) return eq(leadExports.actorUserId, ctx.actor.userId);
  if (ctx.actor.apiKeyId) return eq(leadExports.actorApiKeyId, ctx.actor.apiKeyId);
  return sql`false`;
}

async function findExport(ctx: Ctx, id: string): Promise<LeadExportRow> {
  const [row] = await ctx.db
    .select()
    .from(leadExports)
    .where(and(eq(leadExports.id, id), eq(leadExports.workspaceId, requireWorkspaceId(ctx)), ownExports(ctx)));
  if (!row) throw notFound('Export');
  return row;
}

export async function getExport(ctx: Ctx, id: string): Promise<ExportView> {
  return toExportView(await findExport(ctx, id));
}

export const listExportsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.iso.datetime({ offset: true }).optional(),
});

/** The workspace's exports, newest first (the export history). */
export async function listExports(ctx: Ctx, query: z.input<typeof listExportsSchema>): Promise<{ items: ExportView[]; nextCursor: string | null }> {
  const q = parseInput(listExportsSchema, query);
  const rows = await ctx.db
    .select()
    .from(leadExports)
    .where(and(eq(leadExports.workspaceId, requireWorkspaceId(ctx)), ownExports(ctx), q.cursor ? lt(leadExports.createdAt, new Date(q.cursor)) : undefined))
    .orderBy(desc(leadExports.createdAt))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toExportView), nextCursor: rows.length > q.limit ? page.at(-1)!.createdAt.toISOString() : null };
}

/** The finished file of a job export, as a stream with its name and type. */
export async function openExportDownload(ctx: Ctx, id: string) {
  const exp = await findExport(ctx, id);
  if (exp.status !== 'completed') throw conflict(`The export is ${exp.status}: download it once it has completed`);
  if (exp.bytes === null) throw validationError('This export was streamed when it was made; there is no file to download');
  const stream = createReadStream(exportFilePath(ctx, exp));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () => reject(new DomainError('GONE', 'The export file is no longer on disk: export again')));
  });
  return { stream, fileName: exp.fileName, contentType: EXPORT_MIME[exp.format], bytes: exp.bytes };
}
