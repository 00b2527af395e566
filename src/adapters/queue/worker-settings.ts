import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** How a worker process runs chunks. Defaults suit production; tests shorten the times. */
export interface WorkerSettings {
  /** CPU-bound chunks run at once by this process. */
  concurrency: number;
  /** Chunks of I/O-bound kinds (`ioBound`: SMTP, provider APIs) run at once, beside the CPU-bound ones. */
  ioConcurrency: number;
  /** Lease renewal of a running chunk. */
  heartbeatMs: number;
  /** A running chunk silent for this long is taken back (its worker is presumed dead). */
  staleMs: number;
  /** In-process driver: how often an idle worker looks for due chunks (work of other processes, retries). */
  pollMs: number;
  /** How often the worker reclaims stale chunks, finishes stuck jobs and re-dispatches lost messages. */
  maintenanceMs: number;
  /** Names this worker in leases and logs. */
  workerId: string;
}

export function workerSettings(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  const heartbeatMs = overrides.heartbeatMs ?? 5_000;
  return {
    concurrency: 2,
    ioConcurrency: 8,
    heartbeatMs,
    staleMs: overrides.staleMs ?? heartbeatMs * 6,
    pollMs: 1_000,
    maintenanceMs: 10_000,
    workerId: `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
    ...overrides,
  };
}

/** The worker loops around the engine: started once, stopped gracefully. */
export interface ChunkWorker {
  start(): void;
  /** Stops taking chunks and waits (up to graceMs) for the running ones to commit. */
  stop(graceMs?: number): Promise<void>;
}
