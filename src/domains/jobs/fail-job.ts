import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import type { ClaimedChunk } from './claim-chunk.js';
import { countsOf } from './finalize-job.js';
import { releaseJobReservation } from './job-billing.js';
import { sumChunks, tsParam } from './job-sums.js';
import { jobs } from './jobs.tables.js';

/**
 * A job that cannot run at all (unknown kind, parameters no longer valid): it fails with the
 * reason, its credits are released, and its unprocessed items stay pending for a retry.
 */
export async function failJob(ctx: Ctx, input: { chunk: ClaimedChunk; error: string }): Promise<void> {
  const { chunk } = input;
  ctx.log.error({ error: input.error }, 'job failed');
  await withTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [job] = await tx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, chunk.jobId), eq(jobs.workspaceId, chunk.workspaceId)))
      .for('update');
    await tx.db.execute(sql`
      update job_chunks set status = 'pending', lease_token = null, leased_by = null, heartbeat_at = null, updated_at = ${tsParam(now)}
       where job_id = ${chunk.jobId}::uuid and chunk_no = ${chunk.chunkNo}::int and lease_token = ${chunk.leaseToken}::uuid`);
    if (!job || !['queued', 'running', 'paused'].includes(job.status)) return;
    const sums = (await sumChunks(tx, job.workspaceId, [job.id])).get(job.id)!;
    await tx.db
      .update(jobs)
      .set({ status: 'failed', error: input.error.slice(0, 2000), ...countsOf(sums), stats: sums.stats, finishedAt: now, updatedAt: now })
      .where(and(eq(jobs.id, job.id), inArray(jobs.status, ['queued', 'running', 'paused'])));
    await releaseJobReservation(tx, job.reservationId);
  });
}
