import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { loadJob, toJobViews, type JobView } from './job-view.js';
import type { JobProgress } from './progress.js';

/** One job of the current workspace with live progress. */
export async function getJob(ctx: Ctx, input: { jobId: string }): Promise<JobView> {
  const workspaceId = requireWorkspaceId(ctx);
  const row = await loadJob(ctx, workspaceId, input.jobId);
  const [view] = await toJobViews(ctx, workspaceId, [row]);
  return view!;
}

export type JobProgressView = JobProgress & { id: string; kind: string; error: string | null; updatedAt: Date };

/** Just the progress of a job: what pollers, the SSE stream and the CLI bar read. */
export async function getJobProgress(ctx: Ctx, input: { jobId: string }): Promise<JobProgressView> {
  const v = await getJob(ctx, input);
  return {
    id: v.id,
    kind: v.kind,
    status: v.status,
    total: v.total,
    processed: v.processed,
    succeeded: v.succeeded,
    failed: v.failed,
    skipped: v.skipped,
    percent: v.percent,
    itemsPerSecond: v.itemsPerSecond,
    etaSeconds: v.etaSeconds,
    error: v.error,
    updatedAt: v.updatedAt,
  };
}
