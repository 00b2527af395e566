import { eq, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { costPerItemMilli, reserveForJob } from './job-billing.js';
import { jobKinds, type ItemSeed, type JobKind } from './job-kind.js';
import { dispatchChunks, pendingChunkRefs } from './dispatch.js';
import { tsParam } from './job-sums.js';
import { getJob } from './get-job.js';
import type { JobView } from './job-view.js';
import { jobs } from './jobs.tables.js';

/** Items are written in batches of this many rows per statement. */
const SEED_BATCH = 5_000;
const MAX_REF_LENGTH = 2_000;

export type ItemSource = ItemSeed[] | Iterable<ItemSeed[]> | AsyncIterable<ItemSeed[]>;

export interface StartJobInput<P = unknown> {
  /** A registered kind's name, or the kind itself. */
  kind: string | JobKind<P>;
  payload: unknown;
  label?: string;
  /** The items, when the caller has them (e.g. addresses given on the command line); else the kind seeds them. */
  items?: ItemSource;
}

/**
 * Creates a job with its items and chunks, reserves its credits (INSUFFICIENT_CREDITS: nothing
 * is created), then dispatches its chunks to the workers. All of it commits or none of it.
 */
export async function startJob<P>(ctx: Ctx, input: StartJobInput<P>): Promise<JobView> {
  const workspaceId = requireWorkspaceId(ctx);
  const kind = typeof input.kind === 'string' ? jobKinds.get(input.kind) : (input.kind as unknown as JobKind<unknown>);
  if (!kind) throw validationError(`Unknown job kind "${String(input.kind)}"`, { kinds: jobKinds.list() });
  const payload = parseInput(kind.payload, input.payload);
  const now = ctx.clock.now();

  const jobId = await withTransaction(ctx, async (tx) => {
    const [job] = await tx.db
      .insert(jobs)
      .values({
        workspaceId,
        kind: kind.kind,
        label: (input.label ?? kind.describe?.(payload) ?? null)?.slice(0, 300) ?? null,
        status: 'queued',
        params: payload ?? {},
        chunkSize: kind.chunkSize,
        feature: kind.billing?.feature ?? null,
        createdByType: tx.actor.type,
        createdByUserId: tx.actor.userId ?? null,
        createdByApiKeyId: tx.actor.apiKeyId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: jobs.id });
    const id = job!.id;
    const source = input.items ?? kind.seedItems?.(tx, payload);
    if (!source) throw validationError(`Job kind ${kind.kind} needs its items`);
    const total = await seedItems(tx, { jobId: id, workspaceId }, source);
    const chunks = Math.ceil(total / kind.chunkSize);
    if (chunks > 0) {
      await tx.db.execute(sql`
        insert into job_chunks (job_id, chunk_no, workspace_id, total, run_at, dispatched_at, updated_at)
        select ${id}::uuid, g, ${workspaceId}::uuid, least(${kind.chunkSize}::int, ${total}::int - g * ${kind.chunkSize}::int),
               ${tsParam(now)}, ${tsParam(now)}, ${tsParam(now)}
        from generate_series(0, ${chunks - 1}::int) g`);
    }
    const cost = total > 0 ? await costPerItemMilli(tx, kind, payload) : 0;
    const reservationId = kind.billing ? await reserveForJob(tx, { jobId: id, feature: kind.billing.feature, items: total, costMilli: cost }) : null;
    await tx.db
      .update(jobs)
      .set({
        total,
        costPerItemMilli: cost,
        reservationId,
        ...(total === 0 ? { status: 'completed' as const, startedAt: now, finishedAt: now } : {}),
      })
      .where(eq(jobs.id, id));
    await recordAudit(tx, { action: 'job.started', targetType: 'job', targetId: id, metadata: { kind: kind.kind, total } });
    return id;
  });

  await dispatchChunks(ctx, await pendingChunkRefs(ctx, workspaceId, jobId));
  return getJob(ctx, { jobId });
}

async function seedItems(tx: Ctx, job: { jobId: string; workspaceId: string }, source: ItemSource): Promise<number> {
  let seq = 0;
  let batch: ItemSeed[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.db.execute(sql`
      insert into job_items (job_id, workspace_id, seq, ref, input)
      select ${job.jobId}::uuid, ${job.workspaceId}::uuid, ${seq}::int + (e.ord - 1)::int, e.v->>'ref', e.v->'input'
      from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) with ordinality as e(v, ord)`);
    seq += batch.length;
    batch = [];
  };
  const batches: Iterable<ItemSeed[]> | AsyncIterable<ItemSeed[]> = isFlatArray(source) ? [source] : source;
  for await (const seeds of batches) {
    for (const s of seeds) {
      if (typeof s?.ref !== 'string' || s.ref.length === 0 || s.ref.length > MAX_REF_LENGTH || s.ref.includes('\u0000')) {
        throw validationError(`Item ${seq + batch.length + 1}: ref must be a non-empty string of at most ${MAX_REF_LENGTH} characters`);
      }
      batch.push(s.input === undefined ? { ref: s.ref } : { ref: s.ref, input: s.input });
      if (batch.length >= SEED_BATCH) await flush();
    }
  }
  await flush();
  return seq;
}

const isFlatArray = (source: ItemSource): source is ItemSeed[] => Array.isArray(source) && (source.length === 0 || !Array.isArray(source[0]));
