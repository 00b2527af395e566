import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { jobItems, jobs } from '../jobs/index.js';
import { FINDER_BULK_KIND, type BulkFindItemResult } from './bulk-kind.js';
import type { PersonItemInput } from './people-of-list.js';
import { FIND_STATUSES } from './types.js';

export const bulkFindResultsInput = z.strictObject({
  jobId: z.guid('jobId must be a job id'),
  status: z.enum(FIND_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last `seq` of the previous page. */
  cursor: z.coerce.number().int().min(0).optional(),
});

export interface BulkFindRow {
  seq: number;
  /** The row number (file / pasted people) or the lead id (list source). */
  ref: string;
  person: PersonItemInput['person'];
  leadId: string | null;
  result: BulkFindItemResult | null;
}

/** Results of a bulk find in input order, filtered by status, keyset paged. */
export async function listBulkFindResults(ctx: Ctx, input: z.input<typeof bulkFindResultsInput>): Promise<{ items: BulkFindRow[]; nextCursor: number | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(bulkFindResultsInput, input);
  const [job] = await ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.id, v.jobId), eq(jobs.workspaceId, workspaceId), eq(jobs.kind, FINDER_BULK_KIND)))
    .limit(1);
  if (!job) throw notFound('Bulk find');
  const rows = await ctx.db
    .select({ seq: jobItems.seq, ref: jobItems.ref, input: jobItems.input, result: jobItems.result })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, v.jobId),
        eq(jobItems.workspaceId, workspaceId),
        v.status ? sql`${jobItems.result}->>'status' = ${v.status}` : undefined,
        v.cursor === undefined ? undefined : gt(jobItems.seq, v.cursor),
      ),
    )
    .orderBy(asc(jobItems.seq))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit).map((r) => {
    const item = r.input as PersonItemInput;
    return { seq: r.seq, ref: r.ref, person: item.person, leadId: item.leadId ?? null, result: (r.result as BulkFindItemResult | null) ?? null };
  });
  return { items: page, nextCursor: rows.length > v.limit ? page[page.length - 1]!.seq : null };
}
