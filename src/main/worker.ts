import { startChunkWorker, type WorkerSettings } from '../adapters/queue/index.js';
import type { Runtime } from './runtime.js';
import { startScheduler, type SchedulerOptions } from './schedules.js';

export interface JobWorkerHandle {
  /** Stops taking work and waits (up to graceMs) for running chunks to commit. */
  stop(graceMs?: number): Promise<void>;
}

export interface JobWorkerOptions {
  settings?: Partial<WorkerSettings>;
  /** Run the scheduler in this process too (default yes: the slot claim keeps it once per slot). */
  scheduler?: boolean | SchedulerOptions;
}

/**
 * Runs jobs in this process: with REDIS_URL it consumes the BullMQ queue (any number of
 * processes may), otherwise it leases chunks straight from the database. Used by `serve`
 * (embedded worker) and by `leadforge worker`.
 */
export async function startJobWorker(runtime: Runtime, options: JobWorkerOptions = {}): Promise<JobWorkerHandle> {
  const queue = runtime.services.queue;
  if (!queue) throw new Error('the runtime has no job queue');
  const ctx = runtime.systemCtx();
  const worker = await startChunkWorker(ctx, queue, { redis: runtime.redis, settings: options.settings });
  const scheduler = options.scheduler === false ? undefined : startScheduler(ctx, options.scheduler === true ? {} : options.scheduler);
  runtime.log.info({ driver: queue.driver }, 'job worker started');
  return {
    async stop(graceMs?: number) {
      scheduler?.stop();
      await worker.stop(graceMs);
    },
  };
}
