import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { ChunkRef } from './job-queue.js';
import { jobChunks, jobs } from './jobs.tables.js';

/** The pending chunks of a job, as refs to dispatch. */
export async function pendingChunkRefs(ctx: Ctx, workspaceId: string, jobId: string): Promise<ChunkRef[]> {
  const rows = await ctx.db
    .select({ chunkNo: jobChunks.chunkNo, generation: jobChunks.generation, runAt: jobChunks.runAt, kind: jobs.kind })
    .from(jobChunks)
    .innerJoin(jobs, and(eq(jobs.id, jobChunks.jobId), eq(jobs.workspaceId, jobChunks.workspaceId)))
    .where(and(eq(jobChunks.jobId, jobId), eq(jobChunks.workspaceId, workspaceId), eq(jobChunks.status, 'pending')))
    .orderBy(asc(jobChunks.chunkNo));
  return rows.map((r) => ({ jobId, workspaceId, chunkNo: r.chunkNo, generation: r.generation, kind: r.kind, runAt: r.runAt }));
}

/**
 * Tells the workers about chunks, after the transaction that made them pending committed. A
 * failure here loses nothing (the chunks are pending in the database and the workers' sweep
 * dispatches them again), so it is logged, not thrown.
 */
export async function dispatchChunks(ctx: Ctx, refs: ChunkRef[]): Promise<void> {
  const queue = ctx.services.queue;
  if (!queue || refs.length === 0) return;
  try {
    await queue.dispatch(refs);
  } catch (err) {
    ctx.log.warn({ err, jobId: refs[0]!.jobId, chunks: refs.length }, 'could not dispatch job chunks; the workers will pick them up on their next sweep');
  }
}
