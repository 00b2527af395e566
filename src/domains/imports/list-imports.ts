import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { getJobProgress } from '../jobs/index.js';
import { imports } from './imports.tables.js';
import { toImportView, type ImportView } from './import-view.js';

export const listImportsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** `createdAt` of the last import of the previous page (ISO). */
  before: z.iso.datetime({ offset: true }).optional(),
});

/** The workspace's import history, newest first. */
export async function listImports(ctx: Ctx, input: z.input<typeof listImportsSchema> = {}): Promise<{ items: ImportView[]; next: string | null }> {
  const q = parseInput(listImportsSchema, input);
  const rows = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, requireWorkspaceId(ctx)), q.before ? lt(imports.createdAt, new Date(q.before)) : undefined))
    .orderBy(desc(imports.createdAt))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = await Promise.all(page.map(async (r) => toImportView(r, r.jobId ? await getJobProgress(ctx, { jobId: r.jobId }).catch(() => null) : null)));
  return { items, next: rows.length > q.limit ? page.at(-1)!.createdAt.toISOString() : null };
}
