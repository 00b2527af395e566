import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { queryRows } from '../../src/core/db.js';
import { getBalance, grantCredits } from '../../src/domains/credits/index.js';
import {
  cancelJob,
  claimChunk,
  claimNextChunk,
  defineJobKind,
  getJob,
  listJobItems,
  listJobs,
  maintainJobs,
  pauseJob,
  registerJobKind,
  resumeJob,
  retryFailedItems,
  runClaimedChunk,
  startJob,
} from '../../src/domains/jobs/index.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { chargesOf, createJobsTestApp, drain, drainWithBackoff, effectsOf, type JobsTestApp } from './helpers.js';
import { failingNow } from './kinds.js';

/** A kind that forgets the item "b" and reports an item that is not in the chunk. */
const sloppyKind = defineJobKind({
  kind: 'test.sloppy',
  payload: z.object({}),
  chunkSize: 10,
  retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
  async process(_ctx, chunk) {
    return [
      ...chunk.items.filter((i) => i.ref !== 'b').map((i) => ({ itemId: i.id, status: 'succeeded' as const })),
      { itemId: 999_999_999, status: 'succeeded' as const },
    ];
  },
});

/** A kind with no writes of its own and no billing: its results commit as one statement. */
const plainKind = defineJobKind({
  kind: 'test.plain',
  payload: z.object({}),
  chunkSize: 10,
  async process(_ctx, chunk) {
    return chunk.items.map((i) => ({ itemId: i.id, status: 'succeeded' as const, result: { ref: i.ref } }));
  },
});

/** While its chunk runs, something else settles item "b" behind the lease holder's back. */
function sneakyKind(kind: string, withWrites: boolean) {
  return defineJobKind({
    kind,
    payload: z.object({}),
    chunkSize: 10,
    async process(ctx, chunk) {
      await ctx.db.execute(sql`update job_items set status = 'skipped' where job_id = ${chunk.jobId}::uuid and ref = 'b'`);
      return chunk.items.map((i) => ({ itemId: i.id, status: 'succeeded' as const }));
    },
    commit: withWrites
      ? async (tx, chunk) => {
          await tx.db.execute(sql`insert into lf_test_effects (job_id, item_id, ref, pid) values (${chunk.jobId}::uuid, ${chunk.items[0]!.id}, 'x', 0)`);
        }
      : undefined,
  });
}

describe('jobs engine', () => {
  let t: JobsTestApp;
  const clock = new ManualClock('2026-03-10T10:00:00Z');
  let ws: string;
  let other: string;

  beforeAll(async () => {
    for (const kind of [plainKind, sneakyKind('test.sneakyplain', false), sneakyKind('test.sneakywrites', true)]) registerJobKind(kind);
    t = await createJobsTestApp({ clock });
    ws = (await createUserWithWorkspace(t)).workspaceId;
    other = (await createUserWithWorkspace(t)).workspaceId;
    await grantCredits(t.ctx(ws), { amountMilli: 1_000_000, reason: 'test credits' });
  });
  afterAll(async () => t?.close());

  it('runs every item once, in chunks, and ends completed with counts and stats', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 95 } });
    expect(job).toMatchObject({ status: 'queued', total: 95, processed: 0, label: 'Count to 95' });
    const [chunks] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from job_chunks where job_id = ${job.id}::uuid`);
    expect(Number(chunks!.n)).toBe(10);

    expect(await drain(ctx)).toBe(10);
    const done = await getJob(ctx, { jobId: job.id });
    expect(done).toMatchObject({ status: 'completed', total: 95, processed: 95, succeeded: 95, failed: 0, skipped: 0, percent: 100, etaSeconds: 0 });
    expect(done.stats).toEqual({ even: 48, odd: 47 });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 95, distinct: 95 });
    const items = await listJobItems(ctx, { jobId: job.id, limit: 3 });
    expect(items.items.map((i) => [i.seq, i.ref, i.status, i.result])).toEqual([
      [0, 'item-0', 'succeeded', { n: 0, double: 0 }],
      [1, 'item-1', 'succeeded', { n: 1, double: 2 }],
      [2, 'item-2', 'succeeded', { n: 2, double: 4 }],
    ]);
    expect(items.nextCursor).toBe(2);
    expect((await listJobItems(ctx, { jobId: job.id, cursor: 93 })).items.map((i) => i.seq)).toEqual([94]);
  });

  it('completes a job without items at once', async () => {
    const job = await startJob(t.ctx(ws), { kind: 'test.counter', payload: { count: 0 } });
    expect(job).toMatchObject({ status: 'completed', total: 0, percent: 100 });
  });

  it('refuses unknown kinds and invalid payloads', async () => {
    await expect(startJob(t.ctx(ws), { kind: 'test.nope', payload: {} })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(startJob(t.ctx(ws), { kind: 'test.counter', payload: { count: -1 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(startJob(t.ctx(ws), { kind: 'test.counter', payload: { count: 1 }, items: [{ ref: '' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('takes items given by the caller instead of seeding them', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 0 }, items: [{ ref: 'a', input: { n: 1 } }, { ref: 'b', input: { n: 2 } }] });
    expect(job.total).toBe(2);
    await drain(ctx);
    expect((await listJobItems(ctx, { jobId: job.id })).items.map((i) => [i.ref, i.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
  });

  it('marks permanent failures with their reason, goes on, ends partial; all failed ends failed', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 30, failRefs: ['item-3', 'item-17'] } });
    await drain(ctx);
    const done = await getJob(ctx, { jobId: job.id });
    expect(done).toMatchObject({ status: 'partial', processed: 30, succeeded: 28, failed: 2 });
    expect(done.error).toContain('2 of 30 items failed');
    const failed = await listJobItems(ctx, { jobId: job.id, status: ['failed'] });
    expect(failed.items.map((i) => [i.ref, i.error])).toEqual([
      ['item-3', 'bad item item-3'],
      ['item-17', 'bad item item-17'],
    ]);
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 28, distinct: 28 });

    const all = await startJob(ctx, { kind: 'test.counter', payload: { count: 2, failRefs: ['item-0', 'item-1'] } });
    await drain(ctx);
    expect(await getJob(ctx, { jobId: all.id })).toMatchObject({ status: 'failed', failed: 2, succeeded: 0 });
  });

  it('retries transient failures with backoff, then gives up with the reason', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 10, flaky: { 'item-1': 2, 'item-2': 5 } } });
    await drain(ctx);
    // The chunk waits for its backoff: nothing is due until the clock moves.
    const waiting = await getJob(ctx, { jobId: job.id });
    expect(waiting).toMatchObject({ status: 'running', processed: 8, succeeded: 8 });
    const [chunk] = await queryRows<{ run_at: string; status: string; generation: number }>(
      ctx.db,
      sql`select run_at::text, status, generation from job_chunks where job_id = ${job.id}::uuid`,
    );
    expect(chunk!.status).toBe('pending');
    expect(new Date(chunk!.run_at).getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await drain(ctx)).toBe(0);

    await drainWithBackoff(ctx, (ms) => clock.advance(ms), job.id);
    const done = await getJob(ctx, { jobId: job.id });
    expect(done).toMatchObject({ status: 'partial', processed: 10, succeeded: 9, failed: 1 });
    const items = (await listJobItems(ctx, { jobId: job.id })).items;
    expect(items[1]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(items[2]).toMatchObject({ status: 'failed', attempts: 3, error: 'Gave up after 3 attempts: temporary failure 3' });
  });

  it('treats an item the kind gave no outcome for as a transient failure; ignores unknown ids', async () => {
    registerJobKind(sloppyKind);
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.sloppy', payload: {}, items: [{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }] });
    await drainWithBackoff(ctx, (ms) => clock.advance(ms), job.id);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'partial', succeeded: 2, failed: 1 });
    const failed = (await listJobItems(ctx, { jobId: job.id, status: ['failed'] })).items;
    expect(failed.map((i) => [i.ref, i.error])).toEqual([['b', 'Gave up after 3 attempts: The job kind returned no outcome for this item']]);
  });

  it('retries a chunk whose processing threw a transient error', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 5, chunkFailures: 2 } });
    await drainWithBackoff(ctx, (ms) => clock.advance(ms), job.id);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', succeeded: 5 });
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 5, distinct: 5 });
  });

  it('retries the failed items of a finished job', async () => {
    const ctx = t.ctx(ws);
    failingNow.add('item-4').add('item-15');
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 20 } });
    await drain(ctx);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'partial', failed: 2 });
    failingNow.clear();
    const retried = await retryFailedItems(ctx, { jobId: job.id });
    expect(retried).toMatchObject({ status: 'queued', retriedItems: 2, processed: 18, failed: 0, retryRound: 1 });
    await drain(ctx);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', processed: 20, succeeded: 20, failed: 0 });
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 20, distinct: 20 });
    await expect(retryFailedItems(ctx, { jobId: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('pauses (no chunk is handed out), resumes and finishes', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 40 } });
    await drain(ctx, { maxChunks: 1 });
    const paused = await pauseJob(ctx, { jobId: job.id });
    expect(paused).toMatchObject({ status: 'paused', processed: 10, itemsPerSecond: null, etaSeconds: null });
    expect(await drain(ctx)).toBe(0);
    await expect(pauseJob(ctx, { jobId: job.id })).resolves.toMatchObject({ status: 'paused' });
    expect(await resumeJob(ctx, { jobId: job.id })).toMatchObject({ status: 'running' });
    await drain(ctx);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', processed: 40 });
    await expect(pauseJob(ctx, { jobId: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(resumeJob(ctx, { jobId: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('cancels: remaining items are cancelled, a chunk running meanwhile is dropped', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 50 } });
    await drain(ctx, { maxChunks: 2 });
    const running = (await claimNextChunk(ctx, 'w-slow'))!;
    const cancelled = await cancelJob(ctx, { jobId: job.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', processed: 20 });
    expect(await runClaimedChunk(ctx, running, { workerId: 'w-slow', heartbeatMs: 60_000 })).toBe('discarded');
    const items = await listJobItems(ctx, { jobId: job.id, status: ['cancelled'] });
    expect(items.items).toHaveLength(30);
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 20, distinct: 20 });
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'cancelled', processed: 20 });
    await expect(cancelJob(ctx, { jobId: job.id })).resolves.toMatchObject({ status: 'cancelled' });
    await expect(retryFailedItems(ctx, { jobId: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('takes back the chunk of a dead worker; the late commit of the old lease is refused', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 10 } });
    const dead = (await claimNextChunk(ctx, 'w-dead'))!;
    expect(await maintainJobs(ctx, { staleMs: 30_000, redispatchAfterMs: 0 })).toMatchObject({ reclaimed: 0 });
    clock.advance(31_000);
    expect(await maintainJobs(ctx, { staleMs: 30_000, redispatchAfterMs: 0 })).toMatchObject({ reclaimed: 1 });
    expect(await drain(ctx)).toBe(1);
    // The "dead" worker comes back and tries to commit: its lease is gone, nothing is written twice.
    expect(await runClaimedChunk(ctx, dead, { workerId: 'w-dead', heartbeatMs: 60_000 })).toBe('lease_lost');
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', processed: 10, succeeded: 10 });
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 10, distinct: 10 });
  });

  it.each([
    ['results only (one statement)', 'test.sneakyplain'],
    ["results and the kind's writes (a transaction)", 'test.sneakywrites'],
  ] as const)('writes nothing of a commit when an item is no longer pending behind the lease holder: %s', async (_name, kind) => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind, payload: {}, items: [[{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }]] });
    const claimed = (await claimChunk(ctx, { jobId: job.id, workspaceId: ws, chunkNo: 0 }, 'w-guard'))!;
    const outcome = await runClaimedChunk(ctx, claimed, { workerId: 'w-guard', heartbeatMs: 60_000 });
    expect(outcome).toBe('lease_lost');
    const [chunk] = await queryRows<{ processed: number; status: string }>(
      ctx.db,
      sql`select processed, status from job_chunks where job_id = ${job.id}::uuid and chunk_no = 0`,
    );
    expect(chunk).toEqual({ processed: 0, status: 'running' });
    const pending = await queryRows<{ seq: number }>(ctx.db, sql`select seq from job_items where job_id = ${job.id}::uuid and status = 'pending' order by seq`);
    expect(pending.map((r) => r.seq)).toEqual([0, 2]);
    expect(await effectsOf(ctx, job.id)).toEqual({ total: 0, distinct: 0 });
    await cancelJob(ctx, { jobId: job.id });
  });

  it('keeps item results and errors through the one-statement commit', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.plain', payload: {}, items: [[{ ref: 'x' }, { ref: 'y' }]] });
    await drain(ctx);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', succeeded: 2 });
    const items = await listJobItems(ctx, { jobId: job.id });
    expect(items.items.map((i) => [i.ref, i.status, i.result])).toEqual([
      ['x', 'succeeded', { ref: 'x' }],
      ['y', 'succeeded', { ref: 'y' }],
    ]);
  });

  it('finishes a job whose last commit was not followed by its finish (crash in between)', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 10 } });
    await drain(ctx);
    await ctx.db.execute(sql`update jobs set status = 'running', finished_at = null where id = ${job.id}::uuid`);
    expect(await maintainJobs(ctx, { staleMs: 30_000, redispatchAfterMs: 0 })).toMatchObject({ finalized: 1 });
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', processed: 10 });
  });

  describe('credits', () => {
    it('reserves up front, charges each billable item once, refunds no-data items, releases the rest', async () => {
      const ctx = t.ctx(ws);
      const before = await getBalance(ctx);
      const job = await startJob(ctx, { kind: 'test.billed', payload: { count: 250, failRefs: ['item-7'], notFoundRefs: ['item-8', 'item-9'], skipRefs: ['item-10'] } });
      expect(job).toMatchObject({ costPerItemMilli: 1000, feature: 'email_verify' });
      const reserved = await getBalance(ctx);
      expect(reserved.reservedMilli - before.reservedMilli).toBe(250_000);
      expect(reserved.balanceMilli).toBe(before.balanceMilli);

      await drain(ctx);
      expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'partial', succeeded: 246, skipped: 3, failed: 1 });
      const after = await getBalance(ctx);
      expect(after.reservedMilli).toBe(before.reservedMilli);
      expect(before.balanceMilli - after.balanceMilli).toBe(246_000);
      // 246 succeeded charged; 2 "not found" charged then refunded; the skipped and the failed never charged.
      expect(await chargesOf(ctx, job.id)).toEqual({ charges: 248, keys: 248, netMilli: 246_000, refunds: 2 });
    });

    it('reserves anew for a retry and charges only the retried items', async () => {
      const ctx = t.ctx(ws);
      failingNow.add('item-1');
      const job = await startJob(ctx, { kind: 'test.billed', payload: { count: 5 } });
      await drain(ctx);
      failingNow.clear();
      const before = await getBalance(ctx);
      await retryFailedItems(ctx, { jobId: job.id });
      expect((await getBalance(ctx)).reservedMilli - before.reservedMilli).toBe(1000);
      await drain(ctx);
      const after = await getBalance(ctx);
      expect(after.reservedMilli).toBe(before.reservedMilli);
      expect(before.balanceMilli - after.balanceMilli).toBe(1000);
      expect(await chargesOf(ctx, job.id)).toMatchObject({ charges: 5, keys: 5, netMilli: 5000 });
    });

    it('uses the price of the credits domain when the kind does not fix one', async () => {
      const job = await startJob(t.ctx(ws), { kind: 'test.priced', payload: { count: 2 } });
      expect(job.costPerItemMilli).toBeGreaterThan(0);
      await drain(t.ctx(ws));
    });

    it('refuses a job it cannot pay for: nothing is created', async () => {
      const ctx = t.ctx(ws);
      const balance = await getBalance(ctx);
      const before = (await listJobs(ctx, { limit: 100 })).items.length;
      const err = await startJob(ctx, { kind: 'test.billed', payload: { count: Math.floor(balance.availableMilli / 1000) + 1 } }).catch((e) => e);
      expect(err).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
      expect((err as { details: { requiredMilli: number } }).details.requiredMilli).toBeGreaterThan(balance.availableMilli);
      expect((await listJobs(ctx, { limit: 100 })).items.length).toBe(before);
      expect((await getBalance(ctx)).reservedMilli).toBe(balance.reservedMilli);
    });

    it('releases the reservation when a job is cancelled', async () => {
      const ctx = t.ctx(ws);
      const before = await getBalance(ctx);
      const job = await startJob(ctx, { kind: 'test.billed', payload: { count: 300 } });
      await drain(ctx, { maxChunks: 1 });
      await cancelJob(ctx, { jobId: job.id });
      const after = await getBalance(ctx);
      expect(after.reservedMilli).toBe(before.reservedMilli);
      expect(before.balanceMilli - after.balanceMilli).toBe(100_000);
    });
  });

  describe('listing and isolation', () => {
    it('lists newest first with filters and a cursor', async () => {
      const ctx = t.ctx(ws);
      const all = await listJobs(ctx, { limit: 100 });
      expect(all.items.length).toBeGreaterThan(5);
      const times = all.items.map((j) => j.createdAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const page1 = await listJobs(ctx, { limit: 2 });
      const page2 = await listJobs(ctx, { limit: 2, cursor: page1.nextCursor! });
      expect(page2.items[0]!.id).toBe(all.items[2]!.id);
      expect((await listJobs(ctx, { status: ['cancelled'] })).items.every((j) => j.status === 'cancelled')).toBe(true);
      expect((await listJobs(ctx, { kind: 'test.billed' })).items.every((j) => j.kind === 'test.billed')).toBe(true);
      expect((await listJobs(ctx, { createdAfter: new Date(clock.now().getTime() + 3_600_000) })).items).toEqual([]);
    });

    it("never shows or changes another workspace's jobs", async () => {
      const job = (await listJobs(t.ctx(ws), { limit: 1 })).items[0]!;
      const foreign = t.ctx(other);
      expect((await listJobs(foreign, {})).items).toEqual([]);
      for (const verb of [getJob, pauseJob, resumeJob, cancelJob, retryFailedItems]) {
        await expect(verb(foreign, { jobId: job.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(listJobItems(foreign, { jobId: job.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getJob(foreign, { jobId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
