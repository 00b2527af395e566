import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';
import { backoffDelayMs, type RetryPolicy } from './backoff.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { chargeChunk } from './job-billing.js';
import type { ItemOutcome, JobItemInput, JobKind } from './job-kind.js';
import { tsParam } from './job-sums.js';
import type { JobStats, JobStatus } from './jobs.tables.js';
import { LeaseLostError, writeChunkResults, type ChunkWrite, type ChunkWriteResult, type ItemUpdate } from './write-chunk-results.js';

export { LeaseLostError };

type FinalOutcome = Exclude<ItemOutcome, { status: 'retry' }>;

export type CommitResult =
  | { kind: 'committed'; remaining: number; generation: number; runAt: Date | null }
  /** The job was cancelled (its items are marked so) or stopped while the chunk ran: results dropped. */
  | { kind: 'discarded'; jobStatus: JobStatus };

/**
 * Commits one processed chunk atomically: item results, the chunk's progress and stats (one
 * statement), the kind's own writes and the credit charges (then one short transaction). It only applies while this worker still
 * holds the chunk's lease, and only to items still pending, so a chunk is committed once.
 * Items that failed transiently stay pending and the chunk is rescheduled with backoff.
 */
export async function commitChunk<P>(
  ctx: Ctx,
  input: { chunk: ClaimedChunk; kind: JobKind<P>; payload: P; policy: RetryPolicy; items: JobItemInput[]; outcomes: ItemOutcome[]; stats?: JobStats },
): Promise<CommitResult> {
  const { chunk, kind, payload, policy, items } = input;
  const now = ctx.clock.now();
  // Outcomes come in item order (normalizeOutcomes): look items up by position, by id otherwise.
  let byId: Map<number, JobItemInput> | undefined;
  const itemOf = (o: ItemOutcome, k: number) =>
    items[k]?.id === o.itemId ? items[k]! : (byId ??= new Map(items.map((i) => [i.id, i]))).get(o.itemId)!;
  const updates: ItemUpdate[] = [];
  const finals: FinalOutcome[] = [];
  const counts = { succeeded: 0, failed: 0, skipped: 0, remaining: 0 };
  let retryAfterMs = 0;
  let maxAttempts = 0;
  // Stays true while every item ends with the first one's status and nothing else to store.
  let uniform = true;
  for (let k = 0; k < input.outcomes.length; k++) {
    const o = input.outcomes[k]!;
    const item = itemOf(o, k);
    let update: ItemUpdate;
    if (o.status !== 'retry') {
      update = { id: o.itemId, status: o.status, result: o.result ?? null, error: o.status === 'failed' ? o.error.slice(0, 2000) : null, attempts: item.attempts };
      finals.push(o);
    } else {
      const attempts = item.attempts + 1;
      if (attempts >= policy.maxAttempts) {
        const error = `Gave up after ${attempts} attempts: ${o.error}`.slice(0, 2000);
        update = { id: o.itemId, status: 'failed', result: null, error, attempts };
        finals.push({ itemId: o.itemId, status: 'failed', error });
      } else {
        update = { id: o.itemId, status: 'pending', result: null, error: o.error.slice(0, 2000), attempts };
        maxAttempts = Math.max(maxAttempts, attempts);
        retryAfterMs = Math.max(retryAfterMs, o.retryAfterMs ?? 0);
      }
    }
    updates.push(update);
    if (update.status === 'pending') counts.remaining++;
    else counts[update.status]++;
    if (uniform && (update.status !== updates[0]!.status || update.result != null || update.error != null || update.attempts !== item.attempts)) uniform = false;
  }
  const runAt = counts.remaining > 0 ? new Date(now.getTime() + backoffDelayMs(policy, maxAttempts, Math.random, retryAfterMs)) : null;
  const lastError = updates.find((u) => u.error)?.error ?? null;
  const firstStatus = updates[0]?.status;

  let minSeq = Infinity;
  let maxSeq = -Infinity;
  for (const i of items) {
    if (i.seq < minSeq) minSeq = i.seq;
    if (i.seq > maxSeq) maxSeq = i.seq;
  }
  const write: ChunkWrite = {
    chunk,
    updates,
    uniformStatus: uniform && firstStatus && firstStatus !== 'pending' ? firstStatus : undefined,
    minSeq: items.length ? minSeq : 0,
    maxSeq: items.length ? maxSeq : 0,
    counts,
    stats: input.stats,
    runAt,
    lastError,
    now,
  };
  const hasCommit = Boolean(kind.commit && finals.length > 0);
  const mayCharge = Boolean(kind.billing && finals.some((o) => o.status !== 'failed'));
  const apply = async (tx: Ctx): Promise<ChunkWriteResult> => {
    const written = await writeChunkResults(tx, write);
    if (written.kind === 'stopped') return written;
    if (hasCommit) await kind.commit!(tx, { jobId: chunk.jobId, chunkNo: chunk.chunkNo, payload, outcomes: finals, items });
    if (mayCharge) await chargeChunk(tx, written.billing, finals);
    return written;
  };
  // Without the kind's writes or charges the results are one statement, atomic by itself: no
  // BEGIN/COMMIT round trips for the engine's own bookkeeping.
  const result = hasCommit || mayCharge ? await withTransaction(ctx, apply) : await apply(ctx);
  if (result.kind === 'stopped') return withTransaction(ctx, (tx) => discard(tx, chunk, result.jobStatus));
  return { kind: 'committed', remaining: counts.remaining, generation: result.generation, runAt };
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
