import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';
import { backoffDelayMs, type RetryPolicy } from './backoff.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { dispatchChunks } from './dispatch.js';
import { maybeFinalizeJob } from './finalize-job.js';
import { tsParam } from './job-sums.js';

/**
 * A chunk whose commit failed (database error, a bug in the kind's commit): it goes back to
 * pending with backoff and runs again; once it has been leased as often as the retry policy
 * allows, its pending items fail with the reason instead, so that the job can finish.
 */
export async function releaseChunk(ctx: Ctx, input: { chunk: ClaimedChunk; policy: RetryPolicy; error: string }): Promise<void> {
  const { chunk, policy } = input;
  const now = ctx.clock.now();
  const error = input.error.slice(0, 2000);
  if (chunk.attempts >= policy.maxAttempts) {
    await failChunkItems(ctx, chunk, `Could not save the results after ${chunk.attempts} attempts: ${error}`);
    await maybeFinalizeJob(ctx, { jobId: chunk.jobId });
    return;
  }
  const runAt = new Date(now.getTime() + backoffDelayMs(policy, chunk.attempts));
  const rows = await queryRows<{ generation: number }>(
    ctx.db,
    sql`update job_chunks set status = 'pending', lease_token = null, leased_by = null, heartbeat_at = null,
               generation = generation + 1, run_at = ${tsParam(runAt)}, dispatched_at = ${tsParam(now)},
               last_error = ${error}, updated_at = ${tsParam(now)}
         where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and workspace_id = ${chunk.workspaceId}::uuid
           and lease_token = ${chunk.leaseToken}::uuid
        returning generation`,
  );
  if (rows[0]) {
    await dispatchChunks(ctx, [{ jobId: chunk.jobId, workspaceId: chunk.workspaceId, chunkNo: chunk.chunkNo, generation: Number(rows[0].generation), kind: chunk.job?.kind, runAt }]);
  }
}

async function failChunkItems(ctx: Ctx, chunk: ClaimedChunk, error: string): Promise<void> {
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select 1 from jobs where id = ${chunk.jobId}::uuid for share`);
    const failed = await queryRows<{ id: number }>(
      tx.db,
      sql`update job_items i set status = 'failed', error = ${error}, updated_at = ${tsParam(now)}
            from jobs j, job_chunks c
           where j.id = ${chunk.jobId}::uuid and c.job_id = j.id and c.chunk_no = ${chunk.chunkNo}::int
             and c.lease_token = ${chunk.leaseToken}::uuid
             and i.job_id = j.id and i.workspace_id = ${chunk.workspaceId}::uuid and i.status = 'pending'
             and i.seq >= c.chunk_no * j.chunk_size and i.seq < (c.chunk_no + 1) * j.chunk_size
          returning i.id`,
    );
    await tx.db.execute(sql`
      update job_chunks set status = 'done', processed = processed + ${failed.length}::int, failed = failed + ${failed.length}::int,
             lease_token = null, leased_by = null, heartbeat_at = null, last_error = ${error}, updated_at = ${tsParam(now)}
       where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and lease_token = ${chunk.leaseToken}::uuid`);
  });
}
