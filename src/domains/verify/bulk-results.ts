import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { jobItems, jobs } from '../jobs/index.js';
import { VERIFY_BULK_KIND } from './bulk-kind.js';
import { REASON_PRIORITY, VERIFY_STATUSES, type VerifyResult } from './types.js';

export const bulkResultsInput = z.strictObject({
  jobId: z.guid('jobId must be a job id'),
  status: z.enum(VERIFY_STATUSES).optional(),
  reason: z.enum(REASON_PRIORITY).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last `seq` of the previous page. */
  cursor: z.coerce.number().int().min(0).optional(),
});

export interface BulkResultRow {
  seq: number;
  input: string;
  result: VerifyResult | null;
}

/** Results of a bulk verification in input order, filtered by status / reason, keyset paged. */
export async function listBulkResults(ctx: Ctx, input: z.input<typeof bulkResultsInput>): Promise<{ items: BulkResultRow[]; nextCursor: number | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(bulkResultsInput, input);
  const [job] = await ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.id, v.jobId), eq(jobs.workspaceId, workspaceId), eq(jobs.kind, VERIFY_BULK_KIND)))
    .limit(1);
  if (!job) throw notFound('Bulk verification');
  const rows = await ctx.db
    .select({ seq: jobItems.seq, input: jobItems.ref, result: jobItems.result })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, v.jobId),
        eq(jobItems.workspaceId, workspaceId),
        v.status ? sql`${jobItems.result}->>'status' = ${v.status}` : undefined,
        v.reason ? sql`${jobItems.result}->>'reason' = ${v.reason}` : undefined,
        v.cursor === undefined ? undefined : gt(jobItems.seq, v.cursor),
      ),
    )
    .orderBy(asc(jobItems.seq))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit).map((r) => ({ seq: r.seq, input: r.input, result: (r.result as VerifyResult | null) ?? null }));
  return { items: page, nextCursor: rows.length > v.limit ? page[page.length - 1]!.seq : null };
}
