import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Ctx } from '../../core/context.js';
import { claimChunk, runClaimedChunk, type ChunkRef, type JobQueue } from '../../domains/jobs/index.js';
import { DEFAULT_QUEUE_PREFIX } from './queue-prefix.js';
import type { ChunkWorker, WorkerSettings } from './worker-settings.js';

export const CHUNK_QUEUE = 'chunks';

interface ChunkMessage {
  jobId: string;
  workspaceId: string;
  chunkNo: number;
}

/**
 * One BullMQ job per chunk dispatch, named `<job>.<chunk>.<generation>`: dispatching the same
 * chunk generation twice (the sweep after a lost message) adds it once.
 */
export const messageId = (r: ChunkRef) => `${r.jobId}.${r.chunkNo}.${r.generation}`;

/** Dispatches chunks through BullMQ on Redis, for any number of `leadforge worker` processes. */
export class BullmqQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  readonly queue: Queue<ChunkMessage>;

  constructor(
    private connection: Redis,
    readonly prefix = DEFAULT_QUEUE_PREFIX,
  ) {
    this.queue = new Queue<ChunkMessage>(CHUNK_QUEUE, { connection, prefix });
    this.queue.on('error', () => undefined);
  }

  async dispatch(refs: ChunkRef[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < refs.length; i += 1000) {
      await this.queue.addBulk(
        refs.slice(i, i + 1000).map((r) => ({
          name: 'chunk',
          data: { jobId: r.jobId, workspaceId: r.workspaceId, chunkNo: r.chunkNo },
          opts: {
            jobId: messageId(r),
            delay: r.runAt ? Math.max(0, r.runAt.getTime() - now) : 0,
            removeOnComplete: true,
            removeOnFail: { count: 1000 },
          },
        })),
      );
    }
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * Consumes chunk messages. The message only says which chunk; the lease in the database decides
 * who runs it, so a duplicate or stale message is a no-op.
 */
export class BullmqChunkWorker implements ChunkWorker {
  private worker?: Worker<ChunkMessage>;

  constructor(
    private ctx: Ctx,
    private connection: Redis,
    private settings: WorkerSettings,
    private prefix = DEFAULT_QUEUE_PREFIX,
  ) {}

  start(): void {
    this.worker = new Worker<ChunkMessage>(CHUNK_QUEUE, (job) => this.handle(job), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: this.settings.concurrency,
      // BullMQ's own stall detection only re-delivers the message; the database lease decides.
      lockDuration: Math.max(this.settings.staleMs, 5_000),
      stalledInterval: Math.max(this.settings.staleMs, 5_000),
      maxStalledCount: 10,
    });
    this.worker.on('error', (err) => this.ctx.log.warn({ err: err.message }, 'BullMQ worker error'));
  }

  private async handle(job: Job<ChunkMessage>): Promise<string> {
    const claimed = await claimChunk(this.ctx, job.data, this.settings.workerId);
    if (!claimed) return 'not_claimable';
    return runClaimedChunk(this.ctx, claimed, this.settings);
  }

  async stop(graceMs = 30_000): Promise<void> {
    if (!this.worker) return;
    const w = this.worker;
    await Promise.race([w.close(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    if (w.isRunning()) await w.close(true);
  }
}
