import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { loadJob } from './job-view.js';
import { ITEM_STATUSES, jobItems } from './jobs.tables.js';

export const listJobItemsInput = z.strictObject({
  jobId: z.string(),
  status: z.array(z.enum(ITEM_STATUSES)).max(ITEM_STATUSES.length).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The last `seq` of the previous page. */
  cursor: z.coerce.number().int().min(0).optional(),
});

export interface JobItemView {
  id: number;
  seq: number;
  ref: string;
  input: unknown;
  status: (typeof ITEM_STATUSES)[number];
  result: unknown;
  error: string | null;
  attempts: number;
  updatedAt: Date | null;
}

/** Items of a job in their order, optionally only some statuses (e.g. the failed ones). */
export async function listJobItems(ctx: Ctx, input: z.input<typeof listJobItemsInput>): Promise<{ items: JobItemView[]; nextCursor: number | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(listJobItemsInput, input);
  await loadJob(ctx, workspaceId, v.jobId);
  const rows = await ctx.db
    .select({
      id: jobItems.id,
      seq: jobItems.seq,
      ref: jobItems.ref,
      input: jobItems.input,
      status: jobItems.status,
      result: jobItems.result,
      error: jobItems.error,
      attempts: jobItems.attempts,
      updatedAt: jobItems.updatedAt,
    })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, v.jobId),
        eq(jobItems.workspaceId, workspaceId),
        v.status?.length ? inArray(jobItems.status, v.status) : undefined,
        v.cursor === undefined ? undefined : gt(jobItems.seq, v.cursor),
      ),
    )
    .orderBy(asc(jobItems.seq))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit);
  return {
    items: page.map((r) => ({ ...r, input: r.input ?? null, result: r.result ?? null })),
    nextCursor: rows.length > v.limit ? page[page.length - 1]!.seq : null,
  };
}
