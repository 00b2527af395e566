import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { jobs, type JobStatus } from './jobs.tables.js';

export type JobRowLocked = typeof jobs.$inferSelect;

/** The job row of the workspace, locked for a status change (waits for in-flight chunk commits). */
export async function lockJob(tx: Ctx, workspaceId: string, jobId: string): Promise<JobRowLocked> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jobId)) throw notFound('Job');
  const [job] = await tx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.workspaceId, workspaceId)))
    .for('update');
  if (!job) throw notFound('Job');
  return job;
}

export function assertStatus(job: JobRowLocked, allowed: readonly JobStatus[], action: string): void {
  if (!allowed.includes(job.status)) {
    throw conflict(`This job is ${job.status}; only a ${allowed.join(' or ')} job can be ${action}`, { status: job.status });
  }
}
