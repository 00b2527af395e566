import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { getJob, type JobView } from '../jobs/index.js';
import { VERIFY_BULK_KIND, verifyBulkPayload } from './bulk-kind.js';
import { REASON_PRIORITY, VERIFY_STATUSES, type VerifyReason, type VerifyStatus } from './types.js';

export interface BulkVerifySummary {
  job: JobView;
  counts: { byStatus: Record<VerifyStatus, number>; byReason: Partial<Record<VerifyReason, number>> };
  options: { source: string; skipSmtp: boolean; writeToLeads: boolean };
  /** Credits charged so far: definite answers (valid, invalid, risky) at the job's cost per item. */
  charged: { milli: number; credits: number };
}

/** A bulk verification of this workspace (NOT_FOUND for another workspace's job or another kind). */
export async function loadBulkJob(ctx: Ctx, jobId: string): Promise<JobView> {
  const job = await getJob(ctx, { jobId }).catch((e: unknown) => {
    throw (e as { code?: string }).code === 'NOT_FOUND' ? notFound('Bulk verification') : e;
  });
  if (job.kind !== VERIFY_BULK_KIND) throw notFound('Bulk verification');
  return job;
}

/** The job with its counts by status and reason (from the stats each chunk adds), for the summary and the chart. */
export async function getBulkVerify(ctx: Ctx, input: { jobId: string }): Promise<BulkVerifySummary> {
  const job = await loadBulkJob(ctx, input.jobId);
  const stats = job.stats as Record<string, number>;
  const byStatus = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, stats[s] ?? 0])) as Record<VerifyStatus, number>;
  const byReason: Partial<Record<VerifyReason, number>> = {};
  for (const reason of REASON_PRIORITY) if (stats[`reason:${reason}`]) byReason[reason] = stats[`reason:${reason}`];
  const payload = verifyBulkPayload.safeParse(job.params);
  const p = payload.success ? payload.data : { source: '', skipSmtp: false, writeToLeads: false };
  const milli = (byStatus.valid + byStatus.invalid + byStatus.risky) * job.costPerItemMilli;
  return { job, counts: { byStatus, byReason }, options: { source: p.source, skipSmtp: p.skipSmtp, writeToLeads: p.writeToLeads }, charged: { milli, credits: milli / 1000 } };
}
