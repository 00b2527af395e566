import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Ctx } from '../../core/context.js';
import { claimChunk, jobKinds, runClaimedChunk, type ChunkRef, type JobQueue } from '../../domains/jobs/index.js';
import { DEFAULT_QUEUE_PREFIX } from './queue-prefix.js';
import type { ChunkWorker, WorkerSettings } from './worker-settings.js';

export const CHUNK_QUEUE = 'chunks';
/** Chunks of I/O-bound kinds, consumed by each worker's I/O pool (`ioConcurrency`). */
export const IO_CHUNK_QUEUE = 'chunks-io';

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

/**
 * Dispatches chunks through BullMQ on Redis, for any number of `leadforge worker` processes:
 * CPU-bound chunks on one queue, chunks of I/O-bound kinds on another, so that each worker
 * runs them in separate pools.
 */
export class BullmqQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  readonly queue: Queue<ChunkMessage>;
  readonly ioQueue: Queue<ChunkMessage>;

  constructor(
    private connection: Redis,
    readonly prefix = DEFAULT_QUEUE_PREFIX,
  ) {
    this.queue = new Queue<ChunkMessage>(CHUNK_QUEUE, { connection, prefix });
    this.queue.on('error', () => undefined);
    this.ioQueue = new Queue<ChunkMessage>(IO_CHUNK_QUEUE, { connection, prefix });
    this.ioQueue.on('error', () => undefined);
  }

  async dispatch(refs: ChunkRef[]): Promise<void> {
    const io = refs.filter((r) => jobKinds.isIoBound(r.kind));
    const cpu = io.length === 0 ? refs : refs.filter((r) => !jobKinds.isIoBound(r.kind));
    await this.add(this.queue, cpu);
    await this.add(this.ioQueue, io);
  }

  private async add(queue: Queue<ChunkMessage>, refs: ChunkRef[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < refs.length; i += 1000) {
      await queue.addBulk(
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
    await Promise.all([this.queue.close(), this.ioQueue.close()]);
  }
}

/**
 * Consumes chunk messages. The message only says which chunk; the lease in the database decides
 * who runs it, so a duplicate or stale message is a no-op.
 */
export class BullmqChunkWorker implements ChunkWorker {
  private workers: Worker<ChunkMessage>[] = [];

  constructor(
    private ctx: Ctx,
    private connection: Redis,
    private settings: WorkerSettings,
    private prefix = DEFAULT_QUEUE_PREFIX,
  ) {}

  start(): void {
    const consume = (queue: string, concurrency: number) => {
      const worker = new Worker<ChunkMessage>(queue, (job) => this.handle(job), {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        // BullMQ's own stall detection only re-delivers the message; the database lease decides.
        lockDuration: Math.max(this.settings.staleMs, 5_000),
        stalledInterval: Math.max(this.settings.staleMs, 5_000),
        maxStalledCount: 10,
      });
      worker.on('error', (err) => this.ctx.log.warn({ err: err.message, queue }, 'BullMQ worker error'));
      this.workers.push(worker);
    };
    consume(CHUNK_QUEUE, this.settings.concurrency);
    consume(IO_CHUNK_QUEUE, this.settings.ioConcurrency);
  }

  private async handle(job: Job<ChunkMessage>): Promise<string> {
    const claimed = await claimChunk(this.ctx, job.data, this.settings.workerId);
    if (!claimed) return 'not_claimable';
    return runClaimedChunk(this.ctx, claimed, this.settings);
  }

  async stop(graceMs = 30_000): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.race([Promise.all(workers.map((w) => w.close())), new Promise((r) => setTimeout(r, graceMs).unref())]);
    await Promise.all(workers.filter((w) => w.isRunning()).map((w) => w.close(true)));
  }
}
