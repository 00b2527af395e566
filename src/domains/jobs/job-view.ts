import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { sumChunks, type ChunkSums } from './job-sums.js';
import { jobs, type JobStats, type JobStatus } from './jobs.tables.js';
import { computeProgress, isFinished, type JobProgress } from './progress.js';

export type JobRow = typeof jobs.$inferSelect;

/** A job as the API and the CLI show it. */
export interface JobView extends JobProgress {
  id: string;
  kind: string;
  label: string | null;
  params: unknown;
  stats: JobStats;
  error: string | null;
  feature: string | null;
  costPerItemMilli: number;
  retryRound: number;
  createdBy: { type: string; userId: string | null; apiKeyId: string | null };
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  updatedAt: Date;
}

/** Whether the row's counts are live (sums over chunks) or settled on the row. */
export const hasLiveCounts = (status: JobStatus) => !isFinished(status);

export function toJobView(row: JobRow, live: ChunkSums | undefined, now: Date): JobView {
  const counts = live && hasLiveCounts(row.status) ? live : row;
  const progress = computeProgress({
    total: row.total,
    processed: counts.processed,
    succeeded: counts.succeeded,
    failed: counts.failed,
    skipped: counts.skipped,
    status: row.status,
    runStartedAt: row.runStartedAt,
    runBaseProcessed: row.runBaseProcessed,
    now,
  });
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    ...progress,
    params: row.params,
    stats: counts.stats,
    error: row.error,
    feature: row.feature,
    costPerItemMilli: row.costPerItemMilli,
    retryRound: row.retryRound,
    createdBy: { type: row.createdByType, userId: row.createdByUserId, apiKeyId: row.createdByApiKeyId },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    heartbeatAt: row.heartbeatAt,
    updatedAt: row.updatedAt,
  };
}

/** The job row of this workspace, or NOT_FOUND (another workspace's job is not found either). */
export async function loadJob(ctx: Ctx, workspaceId: string, jobId: string): Promise<JobRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jobId)) throw notFound('Job');
  const [row] = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound('Job');
  return row;
}

/** Rows to views, reading live counts for the jobs still running in one query. */
export async function toJobViews(ctx: Ctx, workspaceId: string, rows: JobRow[]): Promise<JobView[]> {
  const live = await sumChunks(
    ctx,
    workspaceId,
    rows.filter((r) => hasLiveCounts(r.status)).map((r) => r.id),
  );
  const now = ctx.clock.now();
  return rows.map((r) => toJobView(r, live.get(r.id), now));
}
