import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { jobChunks, type JobStats } from './jobs.tables.js';
import type { JobCounts } from './progress.js';

export { tsParam } from '../../core/db.js';

export interface ChunkSums extends Omit<JobCounts, 'total'> {
  stats: JobStats;
}

const zero = (): ChunkSums => ({ processed: 0, succeeded: 0, failed: 0, skipped: 0, stats: {} });

/** Live counts and stats of jobs: the sums over their chunks. */
export async function sumChunks(ctx: Ctx, workspaceId: string, jobIds: string[]): Promise<Map<string, ChunkSums>> {
  const out = new Map<string, ChunkSums>();
  if (jobIds.length === 0) return out;
  for (const id of jobIds) out.set(id, zero());
  const counts = await ctx.db
    .select({
      jobId: jobChunks.jobId,
      processed: sql<number>`coalesce(sum(${jobChunks.processed}), 0)::int`,
      succeeded: sql<number>`coalesce(sum(${jobChunks.succeeded}), 0)::int`,
      failed: sql<number>`coalesce(sum(${jobChunks.failed}), 0)::int`,
      skipped: sql<number>`coalesce(sum(${jobChunks.skipped}), 0)::int`,
    })
    .from(jobChunks)
    .where(and(eq(jobChunks.workspaceId, workspaceId), inArray(jobChunks.jobId, jobIds)))
    .groupBy(jobChunks.jobId);
  for (const c of counts) Object.assign(out.get(c.jobId)!, { processed: c.processed, succeeded: c.succeeded, failed: c.failed, skipped: c.skipped });
  const stats = await queryRows<{ job_id: string; key: string; value: number | string }>(
    ctx.db,
    sql`select c.job_id, s.key, sum(s.value::numeric)::float8 as value
        from job_chunks c cross join lateral jsonb_each_text(c.stats) s
        where c.workspace_id = ${workspaceId} and c.job_id in (${sql.join(
          jobIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and c.stats <> '{}'::jsonb
        group by c.job_id, s.key`,
  );
  for (const s of stats) out.get(s.job_id)!.stats[s.key] = Number(s.value);
  return out;
}

/** SQL that adds a JSON object of counters to a jsonb column (missing keys count as 0). */
export const addStatsSql = (column: SQL, delta: JobStats): SQL =>
  sql`(select coalesce(jsonb_object_agg(k, v), '{}'::jsonb) from (
        select k, sum(v) as v from (
          select key as k, value::numeric as v from jsonb_each_text(${column})
          union all
          select key, value::numeric from jsonb_each_text(${JSON.stringify(delta)}::jsonb)
        ) parts group by k) summed)`;
