/**
 * One dispatch of one chunk: what the queue carries (ids only). `generation` changes each time
 * the chunk goes back to pending, so a queue can deduplicate repeated dispatches of the same one.
 */
export interface ChunkRef {
  jobId: string;
  workspaceId: string;
  chunkNo: number;
  generation: number;
  /** The job's kind: queues that keep I/O-bound chunks apart route by it (absent: a CPU-bound chunk). */
  kind?: string;
  /** Not before (retry backoff); absent: now. */
  runAt?: Date;
}

/**
 * The port the engine dispatches work through; adapters/queue implements it (in-process,
 * BullMQ). The database stays the source of truth: a dispatch is a wake-up call, and a lost one
 * is made up for by the workers' sweep, so `dispatch` failing never loses work.
 */
export interface JobQueue {
  readonly driver: 'in-process' | 'bullmq';
  dispatch(chunks: ChunkRef[]): Promise<void>;
  /** Round trip to the queue's backend (readiness). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
