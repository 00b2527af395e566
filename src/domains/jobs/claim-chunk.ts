import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import type { JobItemInput } from './job-kind.js';
import type { ChunkRef } from './job-queue.js';
import { tsParam } from './job-sums.js';

/** A chunk leased by this worker: only the holder of `leaseToken` can commit it. */
export interface ClaimedChunk {
  jobId: string;
  workspaceId: string;
  chunkNo: number;
  generation: number;
  attempts: number;
  leaseToken: string;
  /** What the job runs, read with the lease (saves the runner a query per chunk). */
  job?: { kind: string; params: unknown; chunkSize: number };
  /** The chunk's pending items in order, read with the lease (saves a round trip per chunk). */
  items?: JobItemInput[];
}

interface ClaimRow {
  job_id: string;
  workspace_id: string;
  chunk_no: number;
  generation: number;
  attempts: number;
  kind: string;
  params: unknown;
  chunk_size: number;
  /** [id, seq, ref, input, attempts] per item, in no particular order. */
  items: string | ItemTuple[];
}

type ItemTuple = [id: number, seq: number, ref: string, input: unknown, attempts: number];

/** Tuples (half the JSON of objects, measured cheaper to build in PostgreSQL) to items in seq order. */
function itemsOf(raw: string | ItemTuple[]): JobItemInput[] {
  const tuples = typeof raw === 'string' ? (JSON.parse(raw) as ItemTuple[]) : raw;
  const items = tuples.map(([id, seq, ref, input, attempts]) => ({ id, seq, ref, input, attempts }));
  return items.sort((a, b) => a.seq - b.seq);
}

/**
 * Leases one pending, due chunk of a queued or running job, atomically: when several workers
 * race for it one wins and the others get null. The first lease of a job marks it running.
 * The chunk's pending items come with it: the chunk was pending in this statement's snapshot,
 * so whatever made it pending (the seed, a retry's commit) is visible, and once leased nobody
 * else writes its items.
 */
async function claim(ctx: Ctx, pick: SQL, workerId: string): Promise<ClaimedChunk | null> {
  const now = ctx.clock.now();
  const leaseToken = randomUUID();
  const rows = await queryRows<ClaimRow>(
    ctx.db,
    sql`with picked as (${pick}),
        claimed as (
          update job_chunks c
             set status = 'running', lease_token = ${leaseToken}::uuid, leased_by = ${workerId},
                 heartbeat_at = ${tsParam(now)}, attempts = c.attempts + 1, updated_at = ${tsParam(now)}
            from picked
           where c.job_id = picked.job_id and c.chunk_no = picked.chunk_no and c.status = 'pending'
          returning c.job_id, c.workspace_id, c.chunk_no, c.generation, c.attempts),
        started as (
          update jobs j
             set status = 'running', started_at = coalesce(j.started_at, ${tsParam(now)}),
                 run_started_at = coalesce(j.run_started_at, ${tsParam(now)}), heartbeat_at = ${tsParam(now)}, updated_at = ${tsParam(now)}
           where j.id in (select job_id from claimed) and j.status = 'queued'
          returning j.id)
        select claimed.*, j.kind, j.params, j.chunk_size, (select count(*) from started) as started,
               (select coalesce(json_agg(json_build_array(i.id, i.seq, i.ref, i.input, i.attempts)), '[]')
                  from job_items i
                 where i.job_id = claimed.job_id and i.workspace_id = claimed.workspace_id and i.status = 'pending'
                   and i.seq >= claimed.chunk_no * j.chunk_size and i.seq < (claimed.chunk_no + 1) * j.chunk_size) as items
          from claimed join jobs j on j.id = claimed.job_id`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    jobId: r.job_id,
    workspaceId: r.workspace_id,
    chunkNo: Number(r.chunk_no),
    generation: Number(r.generation),
    attempts: Number(r.attempts),
    leaseToken,
    job: { kind: r.kind, params: typeof r.params === 'string' ? (JSON.parse(r.params) as unknown) : r.params, chunkSize: Number(r.chunk_size) },
    // One JSON value instead of a row per item: the driver parses it in one go (no per-row decoding).
    items: itemsOf(r.items),
  };
}

/**
 * Leases the chunk a queue message names, if it is still pending and due. A delayed message may
 * arrive a little before the chunk's run_at (two clocks): within `earlyMs` it counts as due.
 */
export function claimChunk(ctx: Ctx, ref: Pick<ChunkRef, 'jobId' | 'workspaceId' | 'chunkNo'>, workerId: string, earlyMs = 1000): Promise<ClaimedChunk | null> {
  const now = ctx.clock.now();
  const due = new Date(now.getTime() + earlyMs);
  return claim(
    ctx,
    sql`select c.job_id, c.chunk_no from job_chunks c join jobs j on j.id = c.job_id
         where c.job_id = ${ref.jobId}::uuid and c.workspace_id = ${ref.workspaceId}::uuid and c.chunk_no = ${ref.chunkNo}::int
           and c.status = 'pending' and c.run_at <= ${tsParam(due)} and j.status in ('queued', 'running')
         for update of c skip locked`,
    workerId,
  );
}

/** Which kinds a worker with a full pool can still take: only these, or all but these. */
export type KindFilter = { only: string[] } | { except: string[] };

const kindCondition = (filter: KindFilter | undefined): SQL => {
  if (!filter) return sql``;
  // Kind names are `domain.verb` ([a-z0-9_.]): a comma-joined list is a safe single parameter.
  if ('only' in filter) return sql` and j.kind = any(string_to_array(${filter.only.join(',')}, ','))`;
  return filter.except.length ? sql` and j.kind <> all(string_to_array(${filter.except.join(',')}, ','))` : sql``;
};

/**
 * Leases the next due chunk of any job (the in-process driver's queue is the table itself),
 * optionally of some kinds only. Lowest chunk number first, so that concurrent jobs advance
 * side by side instead of in turn.
 */
export function claimNextChunk(ctx: Ctx, workerId: string, kinds?: KindFilter): Promise<ClaimedChunk | null> {
  const now = ctx.clock.now();
  if (kinds && 'only' in kinds && kinds.only.length === 0) return Promise.resolve(null);
  return claim(
    ctx,
    sql`select c.job_id, c.chunk_no from job_chunks c join jobs j on j.id = c.job_id
         where c.status = 'pending' and c.run_at <= ${tsParam(now)} and j.status in ('queued', 'running')${kindCondition(kinds)}
         order by c.chunk_no, c.run_at, c.job_id
         limit 1
         for update of c skip locked`,
    workerId,
  );
}
