import type { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import type { JobStats } from './jobs.tables.js';
import type { RetryPolicy } from './backoff.js';

/** What a job is made of: `ref` names the thing (lead id, row number, address); `input` stays small. */
export interface ItemSeed {
  ref: string;
  input?: unknown;
}

/** An item handed to a kind's `process`. */
export interface JobItemInput {
  id: number;
  seq: number;
  ref: string;
  input: unknown;
  /** Failed attempts so far. */
  attempts: number;
}

/** Why a billed item is refunded: no data found, or the provider failed us. */
export type RefundReason = 'not_found' | 'provider_error';

/**
 * The result of one item.
 * - `succeeded` / `skipped`: done. Succeeded items are charged, skipped ones are not, unless
 *   `billing` says otherwise (`{ refund }`: charged, then refunded with the reason).
 * - `failed`: a permanent failure (`error` says why); never charged; the job goes on.
 * - `retry`: a transient failure; retried with backoff until the kind's retry policy gives up.
 */
export type ItemOutcome =
  | { itemId: number; status: 'succeeded' | 'skipped'; result?: unknown; billing?: 'charge' | 'free' | { refund: RefundReason } }
  | { itemId: number; status: 'failed'; error: string; result?: unknown }
  | { itemId: number; status: 'retry'; error: string; retryAfterMs?: number };

export interface ChunkInput<P> {
  jobId: string;
  chunkNo: number;
  payload: P;
  items: JobItemInput[];
  /** Aborted when the job is cancelled while the chunk runs. */
  signal: AbortSignal;
}

export interface ChunkOutput {
  outcomes: ItemOutcome[];
  /** Counters to add to the job's stats. */
  stats?: JobStats;
}

export interface CommitInput<P> {
  jobId: string;
  chunkNo: number;
  payload: P;
  /** The outcomes being committed (retries excluded): what to write to the domain's own tables. */
  outcomes: Exclude<ItemOutcome, { status: 'retry' }>[];
  items: JobItemInput[];
}

/**
 * A kind of job. `process` does the work of one chunk outside any transaction (outside I/O is
 * fine there); `commit` writes the chunk's results to the kind's own tables inside the chunk's
 * transaction, together with item statuses, progress and credit charges, so that either all of
 * a chunk is committed or none of it.
 */
export interface JobKind<P = unknown> {
  /** `<domain>.<verb>`, e.g. `verify.emails`. */
  kind: string;
  payload: z.ZodType<P>;
  chunkSize: number;
  /**
   * The chunks wait on remote servers (SMTP, provider APIs), not on our CPU: a worker runs them
   * in its I/O pool (`ioConcurrency` chunks at once, beside the `concurrency` of CPU-bound
   * chunks), so that enough of them are in flight to keep the per-host connection caps busy.
   */
  ioBound?: boolean;
  /** Credits per item: the feature charged and, by default, its cost from the credits domain. */
  billing?: {
    feature: string;
    costMilli?: (ctx: Ctx, payload: P) => Promise<number> | number;
  };
  retry?: Partial<RetryPolicy>;
  /** The items of a new job, in batches, read from the payload's ids. */
  seedItems?: (ctx: Ctx, payload: P) => AsyncIterable<ItemSeed[]> | Iterable<ItemSeed[]>;
  /** A short human label for lists ("Verify 1,200 emails of Q3 leads"). */
  describe?: (payload: P) => string;
  process(ctx: Ctx, chunk: ChunkInput<P>): Promise<ChunkOutput | ItemOutcome[]>;
  commit?(txCtx: Ctx, chunk: CommitInput<P>): Promise<void>;
}

/** Declares a kind with its payload type inferred from the zod schema. */
export function defineJobKind<S extends z.ZodType>(def: JobKind<z.output<S>> & { payload: S }): JobKind<z.output<S>> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(def.kind)) throw new Error(`job kind "${def.kind}" must look like domain.verb`);
  if (!Number.isInteger(def.chunkSize) || def.chunkSize < 1 || def.chunkSize > 10_000) {
    throw new Error(`job kind ${def.kind}: chunkSize must be an integer between 1 and 10000`);
  }
  return def;
}

/** Every kind this process can run. Kinds are code: they register once at start-up. */
export class JobKindRegistry {
  private kinds = new Map<string, JobKind<unknown>>();

  register<P>(kind: JobKind<P>): void {
    const existing = this.kinds.get(kind.kind);
    if (existing && existing !== (kind as JobKind<unknown>)) throw new Error(`job kind ${kind.kind} is already registered`);
    this.kinds.set(kind.kind, kind as JobKind<unknown>);
  }

  get(kind: string): JobKind<unknown> | undefined {
    return this.kinds.get(kind);
  }

  list(): string[] {
    return [...this.kinds.keys()].sort();
  }

  /** The kinds whose chunks run in the workers' I/O pool. */
  ioBound(): string[] {
    return [...this.kinds.values()].filter((k) => k.ioBound).map((k) => k.kind);
  }

  isIoBound(kind: string | undefined): boolean {
    return kind !== undefined && Boolean(this.kinds.get(kind)?.ioBound);
  }
}

/** The process-wide registry the engine reads. */
export const jobKinds = new JobKindRegistry();

export const registerJobKind = <P>(kind: JobKind<P>) => jobKinds.register(kind);
