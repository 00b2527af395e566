import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';
import { releaseJobReservation } from './job-billing.js';
import { sumChunks } from './job-sums.js';
import { jobItems, jobs } from './jobs.tables.js';
import { finalStatus } from './progress.js';

/** True while some chunk of the job is pending or being worked on. */
export async function hasOpenChunks(ctx: Ctx, jobId: string): Promise<boolean> {
  const rows = await queryRows<{ open: boolean }>(
    ctx.db,
    sql`select exists (select 1 from job_chunks where job_id = ${jobId}::uuid and status in ('pending', 'running')) as open`,
  );
  return Boolean(rows[0]?.open);
}

/**
 * Ends a running job once all its chunks are done: completed, partial (some items failed) or
 * failed (all did); settles the counts on the job row and releases the unused credits. Safe to
 * call from several workers at once and again after a crash: only one of them finishes it.
 */
export async function maybeFinalizeJob(ctx: Ctx, input: { jobId: string }): Promise<boolean> {
  if (await hasOpenChunks(ctx, input.jobId)) return false;
  return withTransaction(ctx, async (tx) => {
    const [job] = await tx.db.select().from(jobs).where(eq(jobs.id, input.jobId)).for('update');
    if (!job || (job.status !== 'running' && job.status !== 'queued')) return false;
    if (await hasOpenChunks(tx, job.id)) return false;
    const now = tx.clock.now();
    const sums = (await sumChunks(tx, job.workspaceId, [job.id])).get(job.id)!;
    const status = finalStatus(sums);
    let error: string | null = null;
    if (sums.failed > 0) {
      const [sample] = await tx.db
        .select({ error: jobItems.error })
        .from(jobItems)
        .where(and(eq(jobItems.jobId, job.id), eq(jobItems.workspaceId, job.workspaceId), inArray(jobItems.status, ['failed'])))
        .limit(1);
      error = `${sums.failed} of ${job.total} items failed${sample?.error ? `; first reason: ${sample.error}` : ''}`.slice(0, 2000);
    }
    await tx.db
      .update(jobs)
      .set({ status, ...countsOf(sums), stats: sums.stats, error, finishedAt: now, updatedAt: now })
      .where(eq(jobs.id, job.id));
    await releaseJobReservation({ ...tx, workspaceId: job.workspaceId }, job.reservationId);
    return true;
  });
}

export const countsOf = (s: { processed: number; succeeded: number; failed: number; skipped: number }) => ({
  processed: s.processed,
  succeeded: s.succeeded,
  failed: s.failed,
  skipped: s.skipped,
});
