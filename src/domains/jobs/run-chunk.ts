import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { systemActor, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { retryPolicyOf } from './backoff.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { commitChunk, LeaseLostError } from './commit-chunk.js';
import { dispatchChunks } from './dispatch.js';
import { failJob } from './fail-job.js';
import { classifyFailure } from './job-errors.js';
import { jobKinds, type ChunkOutput, type ItemOutcome, type JobItemInput, type JobKind } from './job-kind.js';
import { tsParam } from './job-sums.js';
import { jobItems, jobs, type JobStats } from './jobs.tables.js';
import { maybeFinalizeJob } from './finalize-job.js';
import { releaseChunk } from './release-chunk.js';

export interface ChunkRunOptions {
  /** Names this worker in leases and logs (host:pid:n). */
  workerId: string;
  /** How often a running chunk proves it is alive; the reclaim threshold is several of these. */
  heartbeatMs: number;
}

export type ChunkRunResult = 'committed' | 'rescheduled' | 'discarded' | 'lease_lost' | 'commit_failed' | 'job_failed';

/**
 * Runs one leased chunk: processes its pending items outside any transaction (the kind may do
 * outside I/O), keeping the lease alive, then commits everything in one short transaction.
 */
export async function runClaimedChunk(baseCtx: Ctx, chunk: ClaimedChunk, options: ChunkRunOptions): Promise<ChunkRunResult> {
  const ctx: Ctx = {
    ...baseCtx,
    workspaceId: chunk.workspaceId,
    actor: systemActor,
    log: baseCtx.log.child({ job_id: chunk.jobId, workspace_id: chunk.workspaceId, chunk: chunk.chunkNo }),
  };
  const [job] = chunk.job
    ? [chunk.job]
    : await ctx.db
        .select({ kind: jobs.kind, params: jobs.params, chunkSize: jobs.chunkSize })
        .from(jobs)
        .where(and(eq(jobs.id, chunk.jobId), eq(jobs.workspaceId, chunk.workspaceId)))
        .limit(1);
  if (!job) return 'lease_lost';
  const kind = jobKinds.get(job.kind);
  if (!kind) {
    await failJob(ctx, { chunk, error: `No worker here knows the job kind "${job.kind}"` });
    return 'job_failed';
  }
  const parsed = kind.payload.safeParse(job.params);
  if (!parsed.success) {
    await failJob(ctx, { chunk, error: `The job's parameters are not valid for ${job.kind}: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
    return 'job_failed';
  }
  const policy = retryPolicyOf(kind.retry);
  const items = chunk.items ?? (await loadPendingItems(ctx, chunk, job.chunkSize));
  const output = await processWithHeartbeat(ctx, kind, parsed.data, chunk, items, options);

  let result;
  try {
    result = await commitChunk(ctx, { chunk, kind, payload: parsed.data, policy, items, outcomes: output.outcomes, stats: output.stats });
  } catch (err) {
    if (err instanceof LeaseLostError) {
      ctx.log.warn('chunk was taken over by another worker; its results were dropped');
      return 'lease_lost';
    }
    ctx.log.error({ err }, 'could not commit a chunk; it will run again');
    await releaseChunk(ctx, { chunk, policy, error: err instanceof Error ? err.message : String(err) });
    return 'commit_failed';
  }
  if (result.kind === 'discarded') return 'discarded';
  if (result.remaining > 0) {
    await dispatchChunks(ctx, [{ jobId: chunk.jobId, workspaceId: chunk.workspaceId, chunkNo: chunk.chunkNo, generation: result.generation, kind: job.kind, runAt: result.runAt ?? undefined }]);
    return 'rescheduled';
  }
  await maybeFinalizeJob(ctx, { jobId: chunk.jobId });
  return 'committed';
}

async function loadPendingItems(ctx: Ctx, chunk: ClaimedChunk, chunkSize: number): Promise<JobItemInput[]> {
  const rows = await ctx.db
    .select({ id: jobItems.id, seq: jobItems.seq, ref: jobItems.ref, input: jobItems.input, attempts: jobItems.attempts })
    .from(jobItems)
    .where(
      and(
        eq(jobItems.jobId, chunk.jobId),
        eq(jobItems.workspaceId, chunk.workspaceId),
        gte(jobItems.seq, chunk.chunkNo * chunkSize),
        lt(jobItems.seq, (chunk.chunkNo + 1) * chunkSize),
        eq(jobItems.status, 'pending'),
      ),
    )
    .orderBy(asc(jobItems.seq));
  return rows.map((r) => ({ ...r, input: r.input ?? null }));
}

async function processWithHeartbeat<P>(
  ctx: Ctx,
  kind: JobKind<P>,
  payload: P,
  chunk: ClaimedChunk,
  items: JobItemInput[],
  options: ChunkRunOptions,
): Promise<{ outcomes: ItemOutcome[]; stats?: JobStats }> {
  if (items.length === 0) return { outcomes: [] };
  const abort = new AbortController();
  const timer = setInterval(() => {
    void heartbeat(ctx, chunk).then(
      (state) => state !== 'alive' && abort.abort(new Error(state === 'cancelled' ? 'job cancelled' : 'lease lost')),
      (err) => ctx.log.warn({ err }, 'chunk heartbeat failed'),
    );
  }, options.heartbeatMs);
  timer.unref?.();
  try {
    const out = await kind.process(ctx, { jobId: chunk.jobId, chunkNo: chunk.chunkNo, payload, items, signal: abort.signal });
    return normalizeOutcomes(ctx, items, Array.isArray(out) ? { outcomes: out } : (out as ChunkOutput));
  } catch (err) {
    const failure = classifyFailure(err);
    if (!abort.signal.aborted) ctx.log.warn({ err: failure.message, transient: failure.transient }, 'chunk failed');
    return {
      outcomes: items.map((i) =>
        failure.transient
          ? { itemId: i.id, status: 'retry' as const, error: failure.message, retryAfterMs: failure.retryAfterMs }
          : { itemId: i.id, status: 'failed' as const, error: failure.message },
      ),
    };
  } finally {
    clearInterval(timer);
  }
}

const NO_OUTCOME = 'The job kind returned no outcome for this item';

/** One outcome per item: unknown ids are ignored, a missing outcome is a transient failure. */
function normalizeOutcomes(ctx: Ctx, items: JobItemInput[], out: ChunkOutput): { outcomes: ItemOutcome[]; stats?: JobStats } {
  // The usual answer: one outcome per item, in item order (no sets or maps for 500 items).
  if (out.outcomes.length === items.length && out.outcomes.every((o, k) => o.itemId === items[k]!.id)) return out;
  const ids = new Set(items.map((i) => i.id));
  const given = new Map<number, ItemOutcome>();
  for (const o of out.outcomes) if (ids.has(o.itemId) && !given.has(o.itemId)) given.set(o.itemId, o);
  if (given.size !== items.length || out.outcomes.length !== items.length) {
    ctx.log.warn({ items: items.length, outcomes: out.outcomes.length, matched: given.size }, 'job kind returned outcomes that do not match the chunk items');
  }
  const outcomes = items.map((i) => given.get(i.id) ?? { itemId: i.id, status: 'retry' as const, error: NO_OUTCOME });
  return { outcomes, stats: out.stats };
}

/** Renews the lease; says whether to go on. */
async function heartbeat(ctx: Ctx, chunk: ClaimedChunk): Promise<'alive' | 'lost' | 'cancelled'> {
  const now = ctx.clock.now();
  const rows = await queryRows<{ job_status: string }>(
    ctx.db,
    sql`update job_chunks c set heartbeat_at = ${tsParam(now)}
         where c.job_id = ${chunk.jobId}::uuid and c.chunk_no = ${chunk.chunkNo}::int and c.lease_token = ${chunk.leaseToken}::uuid
        returning (select j.status from jobs j where j.id = c.job_id) as job_status`,
  );
  if (rows.length === 0) return 'lost';
  await ctx.db.update(jobs).set({ heartbeatAt: now }).where(and(eq(jobs.id, chunk.jobId), eq(jobs.workspaceId, chunk.workspaceId)));
  return rows[0]!.job_status === 'cancelled' ? 'cancelled' : 'alive';
}
