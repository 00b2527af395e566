import type { Ctx } from '../../core/context.js';
import { claimNextChunk, jobKinds, runClaimedChunk, type ChunkRef, type JobQueue, type KindFilter } from '../../domains/jobs/index.js';
import type { ChunkWorker, WorkerSettings } from './worker-settings.js';

type Listener = (refs: ChunkRef[]) => void;

/**
 * The default driver: the database is the queue. Dispatching only wakes the workers of this
 * process; workers of other processes (Postgres without Redis) find the chunks by polling.
 */
export class InProcessQueue implements JobQueue {
  readonly driver = 'in-process' as const;
  private listeners = new Set<Listener>();

  async dispatch(refs: ChunkRef[]): Promise<void> {
    for (const l of this.listeners) l(refs);
  }

  onDispatch(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/**
 * Leases due chunks from the database and runs them: up to `concurrency` CPU-bound chunks and,
 * beside them, up to `ioConcurrency` chunks of I/O-bound kinds.
 */
export class InProcessWorker implements ChunkWorker {
  private active = new Set<Promise<unknown>>();
  private activeCpu = 0;
  private activeIo = 0;
  private pumping = false;
  private again = false;
  private stopping = false;
  private poll?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private ctx: Ctx,
    private queue: InProcessQueue,
    private settings: WorkerSettings,
  ) {}

  start(): void {
    this.unsubscribe = this.queue.onDispatch((refs) => this.onDispatch(refs));
    this.poll = setInterval(() => this.wake(), this.settings.pollMs);
    this.wake();
  }

  private onDispatch(refs: ChunkRef[]) {
    const now = Date.now();
    const later = refs.filter((r) => r.runAt && r.runAt.getTime() > now).map((r) => r.runAt!.getTime() - now);
    if (later.length < refs.length) this.wake();
    if (later.length > 0) {
      const t = setTimeout(() => (this.timers.delete(t), this.wake()), Math.min(...later) + 5);
      this.timers.add(t);
    }
  }

  /** Claims while there is room; concurrent wake-ups coalesce into one more round. */
  wake(): void {
    if (this.stopping) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** What this worker may take now: anything, only I/O-bound kinds, all but them, or nothing. */
  private room(): KindFilter | 'any' | 'none' {
    const cpuFree = this.activeCpu < this.settings.concurrency;
    const ioFree = this.activeIo < this.settings.ioConcurrency;
    if (cpuFree && ioFree) return 'any';
    if (cpuFree) return { except: jobKinds.ioBound() };
    if (ioFree) return { only: jobKinds.ioBound() };
    return 'none';
  }

  private async pump(): Promise<void> {
    while (!this.stopping) {
      const room = this.room();
      if (room === 'none') return;
      let claimed;
      try {
        claimed = await claimNextChunk(this.ctx, this.settings.workerId, room === 'any' ? undefined : room);
      } catch (err) {
        this.ctx.log.error({ err }, 'could not claim a job chunk');
        return;
      }
      if (!claimed) return;
      const io = jobKinds.isIoBound(claimed.job?.kind);
      if (io) this.activeIo++;
      else this.activeCpu++;
      const run: Promise<unknown> = runClaimedChunk(this.ctx, claimed, this.settings)
        .catch((err) => this.ctx.log.error({ err, jobId: claimed.jobId, chunk: claimed.chunkNo }, 'chunk run failed'))
        .finally(() => {
          if (io) this.activeIo--;
          else this.activeCpu--;
          this.active.delete(run);
          this.wake();
        });
      this.active.add(run);
    }
  }

  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    clearInterval(this.poll);
    for (const t of this.timers) clearTimeout(t);
    if (this.active.size === 0) return;
    await Promise.race([Promise.allSettled([...this.active]), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }
}
