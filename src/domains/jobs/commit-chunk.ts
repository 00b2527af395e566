import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';
import { backoffDelayMs, type RetryPolicy } from './backoff.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { chargeChunk } from './job-billing.js';
import type { ItemOutcome, JobItemInput, JobKind } from './job-kind.js';
import { addStatsSql, tsParam } from './job-sums.js';
import type { JobStats, JobStatus } from './jobs.tables.js';

/** The commit found that another worker took the chunk over: nothing of this run was written. */
export class LeaseLostError extends Error {
  constructor(chunk: ClaimedChunk) {
    super(`lost the lease on chunk ${chunk.chunkNo} of job ${chunk.jobId}`);
    this.name = 'LeaseLostError';
  }
}

type FinalOutcome = Exclude<ItemOutcome, { status: 'retry' }>;

export type CommitResult =
  | { kind: 'committed'; remaining: number; generation: number; runAt: Date | null }
  /** The job was cancelled (its items are marked so) or stopped while the chunk ran: results dropped. */
  | { kind: 'discarded'; jobStatus: JobStatus };

interface ItemUpdate {
  id: number;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  result: unknown;
  error: string | null;
  attempts: number;
}

/**
 * Commits one processed chunk in one short transaction: item results, the chunk's progress and
 * stats, the kind's own writes and the credit charges. It only applies while this worker still
 * holds the chunk's lease, and only to items still pending, so a chunk is committed once.
 * Items that failed transiently stay pending and the chunk is rescheduled with backoff.
 */
export async function commitChunk<P>(
  ctx: Ctx,
  input: { chunk: ClaimedChunk; kind: JobKind<P>; payload: P; policy: RetryPolicy; items: JobItemInput[]; outcomes: ItemOutcome[]; stats?: JobStats },
): Promise<CommitResult> {
  const { chunk, kind, payload, policy, items } = input;
  const now = ctx.clock.now();
  const byId = new Map(items.map((i) => [i.id, i]));
  const updates: ItemUpdate[] = [];
  const finals: FinalOutcome[] = [];
  let retryAfterMs = 0;
  let maxAttempts = 0;
  for (const o of input.outcomes) {
    const item = byId.get(o.itemId)!;
    if (o.status !== 'retry') {
      updates.push({ id: o.itemId, status: o.status, result: o.result ?? null, error: o.status === 'failed' ? o.error.slice(0, 2000) : null, attempts: item.attempts });
      finals.push(o);
      continue;
    }
    const attempts = item.attempts + 1;
    if (attempts >= policy.maxAttempts) {
      const error = `Gave up after ${attempts} attempts: ${o.error}`.slice(0, 2000);
      updates.push({ id: o.itemId, status: 'failed', result: null, error, attempts });
      finals.push({ itemId: o.itemId, status: 'failed', error });
    } else {
      updates.push({ id: o.itemId, status: 'pending', result: null, error: o.error.slice(0, 2000), attempts });
      maxAttempts = Math.max(maxAttempts, attempts);
      retryAfterMs = Math.max(retryAfterMs, o.retryAfterMs ?? 0);
    }
  }
  const count = (s: ItemUpdate['status']) => updates.filter((u) => u.status === s).length;
  const succeeded = count('succeeded');
  const failed = count('failed');
  const skipped = count('skipped');
  const remaining = count('pending');
  const runAt = remaining > 0 ? new Date(now.getTime() + backoffDelayMs(policy, maxAttempts, Math.random, retryAfterMs)) : null;
  const lastError = updates.find((u) => u.error)?.error ?? null;

  return withTransaction(ctx, async (tx) => {
    // Shared lock: chunk commits of one job run side by side; pause/cancel/finish wait for them.
    const [job] = await queryRows<{ status: JobStatus; feature: string | null; cost_per_item_milli: string | number; reservation_id: string | null }>(
      tx.db,
      sql`select status, feature, cost_per_item_milli, reservation_id from jobs
           where id = ${chunk.jobId}::uuid and workspace_id = ${chunk.workspaceId}::uuid for share`,
    );
    if (!job) throw new LeaseLostError(chunk);
    if (job.status === 'cancelled' || job.status === 'failed') return discard(tx, chunk, job.status);

    const guarded = await queryRows<{ generation: number }>(
      tx.db,
      sql`update job_chunks set
            processed = processed + ${succeeded + failed + skipped}::int, succeeded = succeeded + ${succeeded}::int,
            failed = failed + ${failed}::int, skipped = skipped + ${skipped}::int,
            stats = ${input.stats && Object.keys(input.stats).length ? addStatsSql(sql`stats`, input.stats) : sql`stats`},
            status = ${remaining > 0 ? 'pending' : 'done'}, lease_token = null, leased_by = null, heartbeat_at = null,
            generation = generation + ${remaining > 0 ? 1 : 0}::int,
            run_at = ${runAt ? tsParam(runAt) : sql`run_at`}, dispatched_at = ${runAt ? tsParam(now) : sql`dispatched_at`},
            last_error = ${lastError}, updated_at = ${tsParam(now)}
          where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and workspace_id = ${chunk.workspaceId}::uuid
            and status = 'running' and lease_token = ${chunk.leaseToken}::uuid
          returning generation`,
    );
    if (guarded.length === 0) throw new LeaseLostError(chunk);

    if (updates.length > 0) {
      // The seq range bounds the join to the chunk's rows whatever the planner thinks of a job
      // it has no statistics for yet (without it: a nested loop over the whole job per chunk).
      const seqs = items.map((i) => i.seq);
      const minSeq = Math.min(...seqs);
      const maxSeq = Math.max(...seqs);
      const written = await queryRows<{ id: number }>(
        tx.db,
        sql`update job_items i set status = u.status, result = u.result, error = u.error, attempts = u.attempts, updated_at = ${tsParam(now)}
              from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as u(id bigint, status text, result jsonb, error text, attempts int)
             where i.id = u.id and i.job_id = ${chunk.jobId}::uuid and i.workspace_id = ${chunk.workspaceId}::uuid and i.status = 'pending'
               and i.seq between ${minSeq}::int and ${maxSeq}::int
            returning i.id`,
      );
      if (written.length !== updates.length) throw new LeaseLostError(chunk);
    }
    if (kind.commit && finals.length > 0) {
      await kind.commit(tx, { jobId: chunk.jobId, chunkNo: chunk.chunkNo, payload, outcomes: finals, items });
    }
    await chargeChunk(tx, { feature: job.feature, costPerItemMilli: Number(job.cost_per_item_milli), reservationId: job.reservation_id }, finals);
    return { kind: 'committed' as const, remaining, generation: Number(guarded[0]!.generation), runAt };
  });
}

/** The job stopped while the chunk ran: release the chunk; a cancelled job's items end cancelled. */
async function discard(tx: Ctx, chunk: ClaimedChunk, jobStatus: JobStatus): Promise<CommitResult> {
  const now = tx.clock.now();
  const cancelled = jobStatus === 'cancelled';
  const released = await queryRows<{ chunk_no: number }>(
    tx.db,
    sql`update job_chunks set status = ${cancelled ? 'cancelled' : 'pending'}, lease_token = null, leased_by = null, heartbeat_at = null,
               updated_at = ${tsParam(now)}
         where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and workspace_id = ${chunk.workspaceId}::uuid
           and lease_token = ${chunk.leaseToken}::uuid
        returning chunk_no`,
  );
  if (released.length === 0) throw new LeaseLostError(chunk);
  if (cancelled) await cancelChunkItems(tx, chunk, now);
  return { kind: 'discarded', jobStatus };
}

/** Marks the still-pending items of one chunk cancelled. */
export async function cancelChunkItems(tx: Ctx, chunk: { jobId: string; workspaceId: string; chunkNo: number }, now: Date): Promise<void> {
  await tx.db.execute(sql`
    update job_items i set status = 'cancelled', updated_at = ${tsParam(now)}
      from jobs j
     where j.id = ${chunk.jobId}::uuid and i.job_id = j.id and i.workspace_id = ${chunk.workspaceId}::uuid and i.status = 'pending'
       and i.seq >= ${chunk.chunkNo}::int * j.chunk_size and i.seq < (${chunk.chunkNo}::int + 1) * j.chunk_size`);
}
