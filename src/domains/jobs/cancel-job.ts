import { eq, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { countsOf } from './finalize-job.js';
import { getJob } from './get-job.js';
import { releaseJobReservation } from './job-billing.js';
import { assertStatus, lockJob } from './job-control.js';
import { sumChunks, tsParam } from './job-sums.js';
import type { JobView } from './job-view.js';
import { jobs } from './jobs.tables.js';

/**
 * Stops a job for good: its unprocessed items are cancelled and its reserved credits released.
 * A chunk running at that moment is told to stop; whatever it finishes is dropped, not charged.
 */
export async function cancelJob(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const workspaceId = requireWorkspaceId(ctx);
  await withTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, workspaceId, input.jobId);
    if (job.status === 'cancelled') return;
    assertStatus(job, ['queued', 'running', 'paused'], 'cancelled');
    const now = tx.clock.now();
    // Items of chunks being worked on are cancelled by their own commit, which sees the job cancelled.
    await tx.db.execute(sql`
      update job_items i set status = 'cancelled', updated_at = ${tsParam(now)}
        from job_chunks c
       where c.job_id = ${job.id}::uuid and c.status = 'pending'
         and i.job_id = c.job_id and i.workspace_id = ${workspaceId}::uuid and i.status = 'pending'
         and i.seq >= c.chunk_no * ${job.chunkSize}::int and i.seq < (c.chunk_no + 1) * ${job.chunkSize}::int`);
    await tx.db.execute(sql`
      update job_chunks set status = 'cancelled', updated_at = ${tsParam(now)}
       where job_id = ${job.id}::uuid and workspace_id = ${workspaceId}::uuid and status = 'pending'`);
    const sums = (await sumChunks(tx, workspaceId, [job.id])).get(job.id)!;
    await tx.db
      .update(jobs)
      .set({ status: 'cancelled', ...countsOf(sums), stats: sums.stats, finishedAt: now, updatedAt: now })
      .where(eq(jobs.id, job.id));
    await releaseJobReservation(tx, job.reservationId);
    await recordAudit(tx, { action: 'job.cancelled', targetType: 'job', targetId: job.id, metadata: { processed: sums.processed, total: job.total } });
  });
  return getJob(ctx, input);
}
