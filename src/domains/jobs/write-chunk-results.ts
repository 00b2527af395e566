import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { addStatsSql, tsParam } from './job-sums.js';
import type { JobStats, JobStatus } from './jobs.tables.js';

/** The commit found that another worker took the chunk over: nothing of this run was written. */
export class LeaseLostError extends Error {
  constructor(chunk: ClaimedChunk) {
    super(`lost the lease on chunk ${chunk.chunkNo} of job ${chunk.jobId}`);
    this.name = 'LeaseLostError';
  }
}

export interface ItemUpdate {
  id: number;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  result: unknown;
  error: string | null;
  attempts: number;
}

export interface ChunkWrite {
  chunk: ClaimedChunk;
  updates: ItemUpdate[];
  /**
   * Set when every item ends with this one final status, no result, no error and its attempts
   * unchanged (the usual chunk): the items are then named by the chunk's range, not one by one.
   */
  uniformStatus?: Exclude<ItemUpdate['status'], 'pending'>;
  /** Bounds of the chunk's item numbers (keeps the item join to the chunk's rows). */
  minSeq: number;
  maxSeq: number;
  counts: { succeeded: number; failed: number; skipped: number; remaining: number };
  stats?: JobStats;
  runAt: Date | null;
  lastError: string | null;
  now: Date;
}

export type ChunkWriteResult =
  | { kind: 'written'; generation: number; billing: { feature: string | null; costPerItemMilli: number; reservationId: string | null } }
  /** The job was cancelled or failed meanwhile: nothing was written. */
  | { kind: 'stopped'; jobStatus: JobStatus };

const GUARD = 'chunk commit guard';

/**
 * The item half of the commit statement. Uniform chunk: one status for the items still pending
 * in the chunk's range (under the lease those are exactly the items loaded; the guard checks the
 * count), without shipping and joining 500 ids (measured 4.2 -> 2.6 ms of PostgreSQL CPU per
 * chunk of 500). Otherwise per item: ids, statuses and attempts as three comma lists, results
 * and errors, only for the items that have one, as JSON.
 */
function itemsUpdate(w: ChunkWrite): SQL {
  const { chunk, updates } = w;
  const scope = sql`i.job_id = ${chunk.jobId}::uuid and i.workspace_id = ${chunk.workspaceId}::uuid and i.status = 'pending'
               and i.seq between ${w.minSeq}::int and ${w.maxSeq}::int
               and exists (select 1 from chunk)`;
  if (w.uniformStatus) {
    return sql`
            update job_items i set status = ${w.uniformStatus}, result = null, error = null, updated_at = ${tsParam(w.now)}
             where ${scope}
            returning i.id`;
  }
  const extras = updates.filter((u) => u.result != null || u.error != null).map((u) => ({ id: u.id, result: u.result ?? null, error: u.error }));
  return sql`
            update job_items i set status = u.status, result = x.result, error = x.error, attempts = u.attempts, updated_at = ${tsParam(w.now)}
              from unnest(string_to_array(${updates.map((u) => u.id).join(',')}, ',')::bigint[],
                          string_to_array(${updates.map((u) => u.status).join(',')}, ','),
                          string_to_array(${updates.map((u) => u.attempts).join(',')}, ',')::int[]) as u(id, status, attempts)
              left join jsonb_to_recordset(${JSON.stringify(extras)}::jsonb) as x(id bigint, result jsonb, error text) on x.id = u.id
             where i.id = u.id and ${scope}
            returning i.id`;
}

/**
 * Writes a chunk's results in ONE statement (one round trip, atomic on its own): a shared lock
 * on the job row (pause/cancel/finish wait for it), the chunk's counts — only while this worker
 * holds the lease and the job is neither cancelled nor failed — and the item results, only to
 * items still pending. Should fewer items be pending than expected, the statement fails (and
 * writes nothing) through a cast of the guard message.
 */
export async function writeChunkResults(ctx: Ctx, w: ChunkWrite): Promise<ChunkWriteResult> {
  const { chunk, updates, counts } = w;
  const processed = counts.succeeded + counts.failed + counts.skipped;
  let rows;
  try {
    rows = await queryRows<{ job_status: JobStatus; feature: string | null; cost: string | number; reservation_id: string | null; generation: number | null }>(
      ctx.db,
      sql`with job as (
            select status, feature, cost_per_item_milli, reservation_id from jobs
             where id = ${chunk.jobId}::uuid and workspace_id = ${chunk.workspaceId}::uuid for share
          ), chunk as (
            update job_chunks set
                   processed = processed + ${processed}::int, succeeded = succeeded + ${counts.succeeded}::int,
                   failed = failed + ${counts.failed}::int, skipped = skipped + ${counts.skipped}::int,
                   stats = ${w.stats && Object.keys(w.stats).length ? addStatsSql(sql`stats`, w.stats) : sql`stats`},
                   status = ${counts.remaining > 0 ? 'pending' : 'done'}, lease_token = null, leased_by = null, heartbeat_at = null,
                   generation = generation + ${counts.remaining > 0 ? 1 : 0}::int,
                   run_at = ${w.runAt ? tsParam(w.runAt) : sql`run_at`}, dispatched_at = ${w.runAt ? tsParam(w.now) : sql`dispatched_at`},
                   last_error = ${w.lastError}, updated_at = ${tsParam(w.now)}
             where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and workspace_id = ${chunk.workspaceId}::uuid
               and status = 'running' and lease_token = ${chunk.leaseToken}::uuid
               and (select status from job) not in ('cancelled', 'failed')
            returning generation
          ), items as (${itemsUpdate(w)}
          )
          select job.status as job_status, job.feature, job.cost_per_item_milli as cost, job.reservation_id,
                 (select generation from chunk) as generation,
                 case when not exists (select 1 from chunk) or (select count(*) from items) = ${updates.length}::int then 0
                      else (${GUARD}::text || ': ' || (select count(*) from items) || ' of ' || ${updates.length}::int || ' items still pending')::int
                 end as guard
            from job`,
    );
  } catch (err) {
    if (err instanceof Error && err.message.includes(GUARD)) throw new LeaseLostError(chunk);
    throw err;
  }
  const row = rows[0];
  if (!row) throw new LeaseLostError(chunk);
  if (row.job_status === 'cancelled' || row.job_status === 'failed') return { kind: 'stopped', jobStatus: row.job_status };
  if (row.generation === null) throw new LeaseLostError(chunk);
  return {
    kind: 'written',
    generation: Number(row.generation),
    billing: { feature: row.feature, costPerItemMilli: Number(row.cost), reservationId: row.reservation_id },
  };
}
