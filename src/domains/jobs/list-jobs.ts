import { and, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { toJobViews, type JobView } from './job-view.js';
import { JOB_STATUSES, jobs } from './jobs.tables.js';

export const listJobsInput = z.strictObject({
  kind: z.string().max(100).optional(),
  status: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).optional(),
  createdAfter: z.coerce.date().optional(),
  createdBefore: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListJobsInput = z.input<typeof listJobsInput>;

/** Keyset cursor over (createdAt, id), newest first. */
const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) return null;
  return { createdAt, id: id! };
}

/** Jobs of the current workspace, newest first, filtered by kind, status and creation date. */
export async function listJobs(ctx: Ctx, input: ListJobsInput): Promise<{ items: JobView[]; nextCursor: string | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(listJobsInput, input);
  const where: (SQL | undefined)[] = [eq(jobs.workspaceId, workspaceId)];
  if (v.kind) where.push(eq(jobs.kind, v.kind));
  if (v.status?.length) where.push(inArray(jobs.status, v.status));
  if (v.createdAfter) where.push(gte(jobs.createdAt, v.createdAfter));
  if (v.createdBefore) where.push(lt(jobs.createdAt, v.createdBefore));
  if (v.cursor) {
    const c = decodeCursor(v.cursor);
    if (c) where.push(or(lt(jobs.createdAt, c.createdAt), and(eq(jobs.createdAt, c.createdAt), lt(jobs.id, c.id))));
  }
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit);
  const last = page[page.length - 1];
  return {
    items: await toJobViews(ctx, workspaceId, page),
    nextCursor: rows.length > v.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
