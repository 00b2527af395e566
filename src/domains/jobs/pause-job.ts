import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { countsOf } from './finalize-job.js';
import { getJob } from './get-job.js';
import { assertStatus, lockJob } from './job-control.js';
import { sumChunks } from './job-sums.js';
import type { JobView } from './job-view.js';
import { jobs } from './jobs.tables.js';

/** Stops handing out the job's chunks; chunks already running finish and commit. */
export async function pauseJob(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const workspaceId = requireWorkspaceId(ctx);
  await withTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, workspaceId, input.jobId);
    if (job.status === 'paused') return;
    assertStatus(job, ['queued', 'running'], 'paused');
    const sums = (await sumChunks(tx, workspaceId, [job.id])).get(job.id)!;
    await tx.db
      .update(jobs)
      .set({ status: 'paused', ...countsOf(sums), stats: sums.stats, updatedAt: tx.clock.now() })
      .where(eq(jobs.id, job.id));
    await recordAudit(tx, { action: 'job.paused', targetType: 'job', targetId: job.id });
  });
  return getJob(ctx, input);
}
