import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { jobItems } from '../jobs/index.js';
import { loadBulkJob } from './bulk-summary.js';
import { REASON_PRIORITY, VERIFY_STATUSES, type VerifyResult } from './types.js';

/** `valid` or `valid,risky`: a comma list of allowed values. */
const commaList = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((xs) => xs.length > 0 && xs.every((x) => (values as readonly string[]).includes(x)), `${name} must be a comma list of: ${values.join(', ')}`)
    .transform((xs) => xs as T[]);

export const bulkResultsFilter = z.strictObject({
  status: commaList(VERIFY_STATUSES, 'status').optional(),
  reason: commaList(REASON_PRIORITY, 'reason').optional(),
  /** Part of the address as given. */
  q: z.string().min(1).max(320).optional(),
});

export const bulkResultsInput = bulkResultsFilter.extend({
  jobId: z.guid('jobId must be a job id'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last `seq` of the previous page. */
  cursor: z.coerce.number().int().min(0).optional(),
});

export interface BulkResultRow {
  seq: number;
  input: string;
  /** The lead the address was taken from (list / filter sources). */
  leadId: string | null;
  result: VerifyResult | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Results of a bulk verification in input order, filtered by status / reason / address, keyset paged. */
export async function listBulkResults(ctx: Ctx, input: z.input<typeof bulkResultsInput>): Promise<{ items: BulkResultRow[]; nextCursor: number | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(bulkResultsInput, input);
  await loadBulkJob(ctx, v.jobId);
  const inList = (key: string, values: string[]) => sql`${jobItems.result}->>${key} in (${sql.join(values.map((x) => sql`${x}`), sql`, `)})`;
  const rows = await ctx.db
    .select({ seq: jobItems.seq, input: jobItems.ref, itemInput: jobItems.input, result: jobItems.result })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, v.jobId),
        eq(jobItems.workspaceId, workspaceId),
        v.status ? inList('status', v.status) : undefined,
        v.reason ? inList('reason', v.reason) : undefined,
        v.q ? sql`${jobItems.ref} ilike ${`%${escapeLike(v.q)}%`}` : undefined,
        v.cursor === undefined ? undefined : gt(jobItems.seq, v.cursor),
      ),
    )
    .orderBy(asc(jobItems.seq))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit).map((r) => {
    const leadId = (r.itemInput as { leadId?: unknown } | null)?.leadId;
    return { seq: r.seq, input: r.input, leadId: typeof leadId === 'string' ? leadId : null, result: (r.result as VerifyResult | null) ?? null };
  });
  return { items: page, nextCursor: rows.length > v.limit ? page[page.length - 1]!.seq : null };
}
