import type { Redis } from 'ioredis';
import type { Ctx } from '../../core/context.js';
import type { JobQueue } from '../../domains/jobs/index.js';
import { InProcessQueue, InProcessWorker } from './in-process.js';
import { startMaintenance } from './maintenance.js';
import { DEFAULT_QUEUE_PREFIX } from './queue-prefix.js';
import { workerSettings, type ChunkWorker, type WorkerSettings } from './worker-settings.js';

export { InProcessQueue, InProcessWorker } from './in-process.js';
export { startMaintenance } from './maintenance.js';
export { workerSettings, type ChunkWorker, type WorkerSettings } from './worker-settings.js';

export { DEFAULT_QUEUE_PREFIX } from './queue-prefix.js';

/** BullMQ when Redis is configured, else the in-process driver. BullMQ is only loaded when used. */
export async function createJobQueue(options: { redis?: Redis; prefix?: string }): Promise<JobQueue> {
  if (!options.redis) return new InProcessQueue();
  const { BullmqQueue } = await import('./bullmq.js');
  return new BullmqQueue(options.redis, options.prefix ?? DEFAULT_QUEUE_PREFIX);
}

/**
 * Starts a worker for the queue's driver plus the maintenance loop. `ctx` is a system context
 * whose services.queue is `queue` (chunks rescheduled by the worker are dispatched through it).
 */
export async function startChunkWorker(ctx: Ctx, queue: JobQueue, options: { redis?: Redis; settings?: Partial<WorkerSettings> }): Promise<ChunkWorker> {
  const settings = workerSettings(options.settings);
  let worker: ChunkWorker;
  if (queue instanceof InProcessQueue) {
    worker = new InProcessWorker(ctx, queue, settings);
  } else if (queue.driver === 'bullmq') {
    const { BullmqChunkWorker, BullmqQueue } = await import('./bullmq.js');
    if (!(queue instanceof BullmqQueue) || !options.redis) throw new Error('the BullMQ worker needs the BullMQ queue and its Redis connection');
    worker = new BullmqChunkWorker(ctx, options.redis, settings, queue.prefix);
  } else {
    throw new Error(`no worker for the ${queue.driver} queue driver`);
  }
  const maintenance = startMaintenance(ctx, settings, { redispatch: queue.driver === 'bullmq' });
  worker.start();
  return {
    start: () => undefined,
    async stop(graceMs?: number) {
      maintenance.stop();
      await worker.stop(graceMs);
    },
  };
}
