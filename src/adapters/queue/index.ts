import type { Redis } from 'ioredis';
import type { Ctx } from '../../core/context.js';
import type { JobQueue } from '../../domains/jobs/index.js';
import { BullmqChunkWorker, BullmqQueue, DEFAULT_QUEUE_PREFIX } from './bullmq.js';
import { InProcessQueue, InProcessWorker } from './in-process.js';
import { startMaintenance } from './maintenance.js';
import { workerSettings, type ChunkWorker, type WorkerSettings } from './worker-settings.js';

export { BullmqChunkWorker, BullmqQueue, DEFAULT_QUEUE_PREFIX, messageId } from './bullmq.js';
export { InProcessQueue, InProcessWorker } from './in-process.js';
export { startMaintenance } from './maintenance.js';
export { workerSettings, type ChunkWorker, type WorkerSettings } from './worker-settings.js';

/** BullMQ when Redis is configured, else the in-process driver. */
export function createJobQueue(options: { redis?: Redis; prefix?: string }): JobQueue {
  return options.redis ? new BullmqQueue(options.redis, options.prefix ?? DEFAULT_QUEUE_PREFIX) : new InProcessQueue();
}

/**
 * Starts a worker for the queue's driver plus the maintenance loop. `ctx` is a system context
 * whose services.queue is `queue` (chunks rescheduled by the worker are dispatched through it).
 */
export function startChunkWorker(ctx: Ctx, queue: JobQueue, options: { redis?: Redis; settings?: Partial<WorkerSettings> }): ChunkWorker {
  const settings = workerSettings(options.settings);
  let worker: ChunkWorker;
  if (queue instanceof BullmqQueue) {
    if (!options.redis) throw new Error('the BullMQ driver needs a Redis connection');
    worker = new BullmqChunkWorker(ctx, options.redis, settings, queue.prefix);
  } else if (queue instanceof InProcessQueue) {
    worker = new InProcessWorker(ctx, queue, settings);
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
