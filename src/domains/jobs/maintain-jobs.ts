import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { cancelChunkItems } from './commit-chunk.js';
import { dispatchChunks } from './dispatch.js';
import { maybeFinalizeJob } from './finalize-job.js';
import type { ChunkRef } from './job-queue.js';
import { tsParam } from './job-sums.js';

interface RefRow {
  job_id: string;
  workspace_id: string;
  chunk_no: number;
  generation: number;
  kind: string;
}
const toRef = (r: RefRow): ChunkRef => ({ jobId: r.job_id, workspaceId: r.workspace_id, chunkNo: Number(r.chunk_no), generation: Number(r.generation), kind: r.kind });

export interface MaintenanceOptions {
  /** A running chunk without a heartbeat for this long belongs to a dead worker. */
  staleMs: number;
  /** Dispatch again pending chunks last dispatched this long ago (queues that can lose messages); 0: never. */
  redispatchAfterMs: number;
}

export interface MaintenanceReport {
  reclaimed: number;
  redispatched: number;
  finalized: number;
}

/**
 * What every worker does now and then, across workspaces (each step is one atomic statement, so
 * several workers doing it at once is harmless): take back the chunks of dead workers, finish
 * jobs whose last commit was not followed by their finish, and make up for lost dispatches.
 */
export async function maintainJobs(ctx: Ctx, options: MaintenanceOptions): Promise<MaintenanceReport> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - options.staleMs);
  const reclaimed = await queryRows<RefRow>(
    ctx.db,
    sql`update job_chunks c set status = 'pending', lease_token = null, leased_by = null, heartbeat_at = null,
               generation = c.generation + 1, run_at = ${tsParam(now)}, dispatched_at = ${tsParam(now)},
               last_error = 'the worker stopped responding; chunk taken back', updated_at = ${tsParam(now)}
          from jobs j
         where j.id = c.job_id and c.status = 'running' and c.heartbeat_at < ${tsParam(cutoff)}
        returning c.job_id, c.workspace_id, c.chunk_no, c.generation, j.kind, j.status as job_status`,
  );
  // A dead worker's chunk of a cancelled job ends cancelled, not pending.
  for (const r of reclaimed as (RefRow & { job_status: string })[]) {
    if (r.job_status !== 'cancelled') continue;
    await ctx.db.execute(sql`update job_chunks set status = 'cancelled' where job_id = ${r.job_id}::uuid and chunk_no = ${r.chunk_no}::int and status = 'pending'`);
    await cancelChunkItems(ctx, { jobId: r.job_id, workspaceId: r.workspace_id, chunkNo: Number(r.chunk_no) }, now);
  }
  if (reclaimed.length > 0) {
    ctx.log.warn({ chunks: reclaimed.length }, 'took back chunks of workers that stopped responding');
    await dispatchChunks(ctx, (reclaimed as (RefRow & { job_status: string })[]).filter((r) => r.job_status !== 'cancelled').map(toRef));
  }

  let redispatched = 0;
  if (options.redispatchAfterMs > 0) {
    const lost = await queryRows<RefRow>(
      ctx.db,
      sql`update job_chunks c set dispatched_at = ${tsParam(now)}
            from jobs j
           where j.id = c.job_id and j.status in ('queued', 'running') and c.status = 'pending' and c.run_at <= ${tsParam(now)}
             and (c.dispatched_at is null or c.dispatched_at < ${tsParam(new Date(now.getTime() - options.redispatchAfterMs))})
          returning c.job_id, c.workspace_id, c.chunk_no, c.generation, j.kind`,
    );
    redispatched = lost.length;
    await dispatchChunks(ctx, lost.map(toRef));
  }

  const unfinished = await queryRows<{ id: string; workspace_id: string }>(
    ctx.db,
    sql`select j.id, j.workspace_id from jobs j
         where j.status in ('queued', 'running')
           and not exists (select 1 from job_chunks c where c.job_id = j.id and c.status in ('pending', 'running'))
         limit 100`,
  );
  let finalized = 0;
  for (const j of unfinished) {
    if (await maybeFinalizeJob({ ...ctx, workspaceId: j.workspace_id }, { jobId: j.id })) finalized++;
  }
  return { reclaimed: reclaimed.length, redispatched, finalized };
}
