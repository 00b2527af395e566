import { eq, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { conflict } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { dispatchChunks, pendingChunkRefs } from './dispatch.js';
import { getJob } from './get-job.js';
import { reserveForJob } from './job-billing.js';
import { assertStatus, lockJob } from './job-control.js';
import { sumChunks, tsParam } from './job-sums.js';
import type { JobView } from './job-view.js';
import { jobs } from './jobs.tables.js';

/**
 * Runs the failed items of a finished job again (and any it never got to): they go back to
 * pending with fresh attempts, the job is queued again, and their credits are reserved anew
 * (INSUFFICIENT_CREDITS refuses the retry and changes nothing).
 */
export async function retryFailedItems(ctx: Ctx, input: { jobId: string }): Promise<JobView & { retriedItems: number }> {
  const workspaceId = requireWorkspaceId(ctx);
  const retried = await withTransaction(ctx, async (tx) => {
    const job = await lockJob(tx, workspaceId, input.jobId);
    assertStatus(job, ['partial', 'failed'], 'retried');
    const now = tx.clock.now();
    const size = job.chunkSize;
    // Per chunk: how many failed items go back to pending, to take them off the chunk's counts.
    const perChunk = await queryRows<{ chunk_no: number; n: number }>(
      tx.db,
      sql`select (seq / ${size}::int)::int as chunk_no, count(*)::int as n from job_items
           where job_id = ${job.id}::uuid and workspace_id = ${workspaceId}::uuid and status = 'failed'
           group by 1`,
    );
    const [{ pending } = { pending: 0 }] = await queryRows<{ pending: number }>(
      tx.db,
      sql`select count(*)::int as pending from job_items where job_id = ${job.id}::uuid and workspace_id = ${workspaceId}::uuid and status = 'pending'`,
    );
    const failedCount = perChunk.reduce((s, r) => s + Number(r.n), 0);
    const items = failedCount + Number(pending);
    if (items === 0) throw conflict('This job has no failed items to retry');

    await tx.db.execute(sql`
      update job_items set status = 'pending', attempts = 0, error = null, result = null, updated_at = ${tsParam(now)}
       where job_id = ${job.id}::uuid and workspace_id = ${workspaceId}::uuid and status = 'failed'`);
    if (perChunk.length > 0) {
      await tx.db.execute(sql`
        update job_chunks c set failed = c.failed - f.n, processed = c.processed - f.n
          from jsonb_to_recordset(${JSON.stringify(perChunk)}::jsonb) as f(chunk_no int, n int)
         where c.job_id = ${job.id}::uuid and c.chunk_no = f.chunk_no`);
    }
    await tx.db.execute(sql`
      update job_chunks c set status = 'pending', generation = c.generation + 1, attempts = 0, run_at = ${tsParam(now)},
             dispatched_at = ${tsParam(now)}, lease_token = null, leased_by = null, heartbeat_at = null, updated_at = ${tsParam(now)}
       where c.job_id = ${job.id}::uuid and c.workspace_id = ${workspaceId}::uuid and c.status <> 'running'
         and exists (select 1 from job_items i where i.job_id = c.job_id and i.status = 'pending'
                      and i.seq >= c.chunk_no * ${size}::int and i.seq < (c.chunk_no + 1) * ${size}::int)`);

    const reservationId = job.feature ? await reserveForJob(tx, { jobId: job.id, feature: job.feature, items, costMilli: job.costPerItemMilli }) : null;
    const sums = (await sumChunks(tx, workspaceId, [job.id])).get(job.id)!;
    await tx.db
      .update(jobs)
      .set({
        status: 'queued',
        reservationId,
        retryRound: job.retryRound + 1,
        processed: sums.processed,
        succeeded: sums.succeeded,
        failed: sums.failed,
        skipped: sums.skipped,
        error: null,
        finishedAt: null,
        runStartedAt: null,
        runBaseProcessed: sums.processed,
        updatedAt: now,
      })
      .where(eq(jobs.id, job.id));
    await recordAudit(tx, { action: 'job.retried', targetType: 'job', targetId: job.id, metadata: { items } });
    return items;
  });
  await dispatchChunks(ctx, await pendingChunkRefs(ctx, workspaceId, input.jobId));
  return { ...(await getJob(ctx, input)), retriedItems: retried };
}
