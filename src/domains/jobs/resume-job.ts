import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { dispatchChunks, pendingChunkRefs } from './dispatch.js';
import { maybeFinalizeJob } from './finalize-job.js';
import { getJob } from './get-job.js';
import { assertStatus, lockJob } from './job-control.js';
import { sumChunks } from './job-sums.js';
import type { JobView } from './job-view.js';
import { jobs } from './jobs.tables.js';

/** Hands the paused job's pending chunks out again; the rate restarts from here. */
export async function resumeJob(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const workspaceId = requireWorkspaceId(ctx);
  const resumed = await withTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, workspaceId, input.jobId);
    if (job.status === 'running' || job.status === 'queued') return false;
    assertStatus(job, ['paused'], 'resumed');
    const now = tx.clock.now();
    const sums = (await sumChunks(tx, workspaceId, [job.id])).get(job.id)!;
    await tx.db
      .update(jobs)
      .set({
        status: job.startedAt ? 'running' : 'queued',
        runStartedAt: job.startedAt ? now : null,
        runBaseProcessed: sums.processed,
        updatedAt: now,
      })
      .where(eq(jobs.id, job.id));
    await recordAudit(tx, { action: 'job.resumed', targetType: 'job', targetId: job.id });
    return true;
  });
  if (resumed) {
    await dispatchChunks(ctx, await pendingChunkRefs(ctx, workspaceId, input.jobId));
    await maybeFinalizeJob(ctx, input);
  }
  return getJob(ctx, input);
}
