import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsz, updatedAt } from '../../core/columns.js';
import { workspaces } from '../workspaces/workspaces.tables.js';

export const JOB_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled', 'partial'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Statuses from which a job can still make progress. */
export const ACTIVE_JOB_STATUSES = ['queued', 'running', 'paused'] as const satisfies readonly JobStatus[];
export const FINISHED_JOB_STATUSES = ['completed', 'failed', 'cancelled', 'partial'] as const satisfies readonly JobStatus[];

export const ITEM_STATUSES = ['pending', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const CHUNK_STATUSES = ['pending', 'running', 'done', 'cancelled'] as const;
export type ChunkStatus = (typeof CHUNK_STATUSES)[number];

/** Per-kind counters (verified: 120, catch_all: 7…), summed over the chunks. */
export type JobStats = Record<string, number>;

/**
 * A long operation of a workspace. While the job runs, the live counts are the sums over its
 * chunks (each chunk commit writes only its own row, so workers never queue on this one); the
 * counts here are written whenever the job stops (paused, finished, cancelled).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    label: text('label'),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** The kind's payload: ids and options, never whole records. */
    params: jsonb('params').$type<unknown>().notNull().default({}),
    chunkSize: integer('chunk_size').notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    stats: jsonb('stats').$type<JobStats>().notNull().default({}),
    error: text('error'),
    /** Credits: the feature charged per item, its cost fixed when the job started. */
    feature: text('feature'),
    costPerItemMilli: bigint('cost_per_item_milli', { mode: 'number' }).notNull().default(0),
    /** The open reservation the item charges draw from (a new one per retry round). */
    reservationId: uuid('reservation_id'),
    retryRound: integer('retry_round').notNull().default(0),
    createdByType: text('created_by_type').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdByApiKeyId: uuid('created_by_api_key_id'),
    createdAt: createdAt(),
    startedAt: tsz('started_at'),
    finishedAt: tsz('finished_at'),
    /** Start of the current run (first start, resume, retry) and the processed count then: the rate. */
    runStartedAt: tsz('run_started_at'),
    runBaseProcessed: integer('run_base_processed').notNull().default(0),
    /** Last sign of life from a worker on this job. */
    heartbeatAt: tsz('heartbeat_at'),
    updatedAt: updatedAt(),
  },
  (t) => [index('jobs_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id), index('jobs_status_idx').on(t.status)],
);

/**
 * The unit of work and of commit: items [chunkNo × chunkSize, (chunkNo + 1) × chunkSize) of a
 * job. A worker leases a chunk (leaseToken) and keeps the lease alive (heartbeatAt); its commit
 * only applies while it still holds the lease, so a chunk is committed once.
 */
export const jobChunks = pgTable(
  'job_chunks',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    chunkNo: integer('chunk_no').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    status: text('status', { enum: CHUNK_STATUSES }).notNull().default('pending'),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    stats: jsonb('stats').$type<JobStats>().notNull().default({}),
    /** Times a worker leased it. */
    attempts: integer('attempts').notNull().default(0),
    /** Bumped whenever the chunk goes back to pending: names one dispatch of it. */
    generation: integer('generation').notNull().default(0),
    /** Not before (retry backoff). */
    runAt: tsz('run_at').notNull(),
    leaseToken: uuid('lease_token'),
    leasedBy: text('leased_by'),
    heartbeatAt: tsz('heartbeat_at'),
    dispatchedAt: tsz('dispatched_at'),
    lastError: text('last_error'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.chunkNo] }), index('job_chunks_status_run_at_idx').on(t.status, t.runAt)],
);

/** One thing a job does: `ref` names it (a lead id, a row number, an address), never a whole record. */
export const jobItems = pgTable(
  'job_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    seq: integer('seq').notNull(),
    ref: text('ref').notNull(),
    input: jsonb('input').$type<unknown>(),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('pending'),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    /** Failed attempts so far (transient errors). */
    attempts: integer('attempts').notNull().default(0),
    updatedAt: tsz('updated_at'),
  },
  (t) => [uniqueIndex('job_items_job_seq_idx').on(t.jobId, t.seq), check('job_items_seq_nonneg', sql`${t.seq} >= 0`)],
);

/**
 * One row per (schedule, slot) that some process claimed: the scheduler runs a slot once, even
 * with several worker processes. A claim whose run never finished can be taken over.
 */
export const scheduledRuns = pgTable(
  'scheduled_runs',
  {
    name: text('name').notNull(),
    slot: tsz('slot').notNull(),
    owner: text('owner').notNull(),
    attempts: integer('attempts').notNull().default(1),
    startedAt: tsz('started_at').notNull(),
    finishedAt: tsz('finished_at'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.name, t.slot] })],
);
