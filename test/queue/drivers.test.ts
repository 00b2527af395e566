import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { BullmqChunkWorker, BullmqQueue } from '../../src/adapters/queue/bullmq.js';
import { InProcessQueue, InProcessWorker, workerSettings } from '../../src/adapters/queue/index.js';
import { defineJobKind, getJob, maintainJobs, pauseJob, registerJobKind, resumeJob, startJob } from '../../src/domains/jobs/index.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { createJobsTestApp, effectsOf, type JobsTestApp } from '../jobs/helpers.js';

/** Chunks of a kind running right now, and the most at once. */
interface Counter {
  active: number;
  max: number;
}
const concurrency: Counter = { active: 0, max: 0 };
/** An I/O-bound kind's (its chunks wait, like SMTP probes); `maxBesideCpu`: the most while CPU-bound chunks ran. */
const ioConcurrency: Counter & { maxBesideCpu: number } = { active: 0, max: 0, maxBesideCpu: 0 };

/** A kind whose chunks only wait `delayMs`, counting how many run at once. */
function waitingKind(kind: string, counter: Counter, options: { ioBound?: boolean; onStart?: () => void } = {}) {
  return defineJobKind({
    kind,
    ioBound: options.ioBound,
    payload: z.object({ count: z.number().int(), delayMs: z.number().int() }),
    chunkSize: 5,
    *seedItems(_ctx, p) {
      yield Array.from({ length: p.count }, (_, i) => ({ ref: String(i) }));
    },
    async process(_ctx, chunk) {
      counter.active++;
      counter.max = Math.max(counter.max, counter.active);
      options.onStart?.();
      await new Promise((r) => setTimeout(r, chunk.payload.delayMs));
      counter.active--;
      return chunk.items.map((i) => ({ itemId: i.id, status: 'succeeded' as const }));
    },
  });
}
const concurrencyKind = waitingKind('test.concurrency', concurrency);
const ioKind = waitingKind('test.io_wait', ioConcurrency, {
  ioBound: true,
  onStart: () => {
    if (concurrency.active > 0) ioConcurrency.maxBesideCpu = Math.max(ioConcurrency.maxBesideCpu, ioConcurrency.active);
  },
});

const resetCounters = () => {
  Object.assign(concurrency, { active: 0, max: 0 });
  Object.assign(ioConcurrency, { active: 0, max: 0, maxBesideCpu: 0 });
};

/** A CPU-bound job and an I/O-bound one, for a worker with 1 CPU slot and 4 I/O slots. */
async function startCpuAndIoJobs(ctx: Ctx) {
  // 4 CPU chunks of 300 ms one after the other: a window of over a second for the I/O pool to fill.
  const cpu = await startJob(ctx, { kind: 'test.concurrency', payload: { count: 20, delayMs: 300 } });
  const io = await startJob(ctx, { kind: 'test.io_wait', payload: { count: 60, delayMs: 60 } });
  return { cpu, io };
}

async function expectPoolsKept(ctx: Ctx, jobs: { cpu: { id: string }; io: { id: string } }) {
  await waitFor(() => getJob(ctx, { jobId: jobs.io.id }), (j) => j.status === 'completed');
  await waitFor(() => getJob(ctx, { jobId: jobs.cpu.id }), (j) => j.status === 'completed');
  expect(concurrency.max).toBe(1);
  expect(ioConcurrency.max).toBeLessThanOrEqual(4);
  // Several I/O chunks at once while the one CPU slot was taken.
  expect(ioConcurrency.maxBesideCpu).toBeGreaterThan(1);
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const fast = { heartbeatMs: 200, staleMs: 2000, pollMs: 100, maintenanceMs: 500 };

describe('in-process driver', () => {
  let t: JobsTestApp;
  let ws: string;
  let queue: InProcessQueue;
  let ctx: Ctx;

  beforeAll(async () => {
    registerJobKind(concurrencyKind);
    registerJobKind(ioKind);
    queue = new InProcessQueue();
    t = await createJobsTestApp({ queue });
    ws = (await createUserWithWorkspace(t)).workspaceId;
    ctx = t.ctx(ws);
  });
  afterAll(async () => t?.close());

  it('runs dispatched chunks at once, never more than its concurrency at a time', async () => {
    const worker = new InProcessWorker(t.ctx(), queue, workerSettings({ ...fast, concurrency: 3, pollMs: 60_000 }));
    worker.start();
    try {
      concurrency.max = 0;
      const job = await startJob(ctx, { kind: 'test.concurrency', payload: { count: 60, delayMs: 30 } });
      const done = await waitFor(() => getJob(ctx, { jobId: job.id }), (j) => j.status === 'completed');
      expect(done).toMatchObject({ processed: 60, succeeded: 60 });
      // At most its concurrency; on a loaded machine it may not reach all three at once.
      expect(concurrency.max).toBeLessThanOrEqual(3);
      expect(concurrency.max).toBeGreaterThan(1);
    } finally {
      await worker.stop();
    }
  });

  it('runs chunks of I/O-bound kinds in their own pool, beside a full CPU pool', async () => {
    const worker = new InProcessWorker(t.ctx(), queue, workerSettings({ ...fast, concurrency: 1, ioConcurrency: 4, pollMs: 60_000 }));
    resetCounters();
    const jobs = await startCpuAndIoJobs(ctx);
    worker.start();
    try {
      await expectPoolsKept(ctx, jobs);
    } finally {
      await worker.stop();
    }
  });

  it('wakes up for retries after their backoff and finds work by polling', async () => {
    const worker = new InProcessWorker(t.ctx(), queue, workerSettings({ ...fast, concurrency: 2 }));
    worker.start();
    try {
      const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 30, flaky: { 'item-3': 2, 'item-25': 1 } } });
      const done = await waitFor(() => getJob(ctx, { jobId: job.id }), (j) => j.status === 'completed');
      expect(done).toMatchObject({ processed: 30, succeeded: 30 });
      expect(await effectsOf(ctx, job.id)).toEqual({ total: 30, distinct: 30 });
    } finally {
      await worker.stop();
    }
    // A job created while no worker listens is found by the next worker's first poll.
    const orphan = await startJob({ ...ctx, services: { ...ctx.services, queue: undefined } }, { kind: 'test.counter', payload: { count: 20 } });
    const late = new InProcessWorker(t.ctx(), queue, workerSettings(fast));
    late.start();
    try {
      await waitFor(() => getJob(ctx, { jobId: orphan.id }), (j) => j.status === 'completed');
    } finally {
      await late.stop();
    }
  });

  it('stops gracefully: the running chunk commits before stop() returns', async () => {
    const worker = new InProcessWorker(t.ctx(), queue, workerSettings({ ...fast, concurrency: 1 }));
    worker.start();
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 30, delayMs: 300 } });
    await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    const after = await getJob(ctx, { jobId: job.id });
    expect(after.processed).toBe(10);
    expect(after.status).toBe('running');
    await new Promise((r) => setTimeout(r, 500));
    expect((await getJob(ctx, { jobId: job.id })).processed).toBe(10);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('BullMQ driver (TEST_REDIS_URL)', () => {
  let t: JobsTestApp;
  let ws: string;
  let redis: Redis;
  let queue: BullmqQueue;
  let ctx: Ctx;
  const prefix = `lf-test-drivers-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    registerJobKind(concurrencyKind);
    registerJobKind(ioKind);
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    queue = new BullmqQueue(redis, prefix);
    t = await createJobsTestApp({ queue });
    ws = (await createUserWithWorkspace(t)).workspaceId;
    ctx = t.ctx(ws);
  });
  afterAll(async () => {
    await queue?.queue.obliterate({ force: true }).catch(() => undefined);
    await queue?.ioQueue.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await t?.close();
    redis?.disconnect();
  });

  const startWorkers = (n: number, settings = {}) =>
    Array.from({ length: n }, (_, i) => {
      const w = new BullmqChunkWorker(t.ctx(), redis, workerSettings({ ...fast, concurrency: 2, workerId: `bull-${i}`, ...settings }), prefix);
      w.start();
      return w;
    });

  it('shares the chunks of a job among several workers, each item committed once', async () => {
    const workers = startWorkers(2);
    try {
      const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 300, itemDelayMs: 5, flaky: { 'item-42': 1 } } });
      const done = await waitFor(() => getJob(ctx, { jobId: job.id }), (j) => j.status === 'completed');
      expect(done).toMatchObject({ processed: 300, succeeded: 300 });
      expect(await effectsOf(ctx, job.id)).toEqual({ total: 300, distinct: 300 });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('sends chunks of I/O-bound kinds to their own queue, run beside a full CPU pool', async () => {
    const workers = startWorkers(1, { concurrency: 1, ioConcurrency: 4 });
    resetCounters();
    try {
      await expectPoolsKept(ctx, await startCpuAndIoJobs(ctx));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('adds a repeated dispatch of the same chunk generation once', async () => {
    const ref = { jobId: '00000000-0000-4000-8000-00000000000a', workspaceId: ws, chunkNo: 7, generation: 3, runAt: new Date(Date.now() + 60_000) };
    await queue.dispatch([ref]);
    await queue.dispatch([ref, ref]);
    expect(await queue.queue.getDelayedCount()).toBe(1);
    await queue.queue.remove(`${ref.jobId}.7.3`);
  });

  it('drops messages of a paused job; resume dispatches again; lost messages are made up for', async () => {
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 50 } });
    await pauseJob(ctx, { jobId: job.id });
    const workers = startWorkers(1);
    try {
      await waitFor(() => queue.queue.getWaitingCount(), (n) => n === 0);
      await new Promise((r) => setTimeout(r, 300));
      expect((await getJob(ctx, { jobId: job.id })).processed).toBe(0);
      await resumeJob(ctx, { jobId: job.id });
      await waitFor(() => getJob(ctx, { jobId: job.id }), (j) => j.status === 'completed');

      // A job whose dispatch never reached Redis: the sweep sends its chunks.
      const lost = await startJob({ ...ctx, services: { ...ctx.services, queue: undefined } }, { kind: 'test.counter', payload: { count: 20 } });
      await new Promise((r) => setTimeout(r, 300));
      expect((await getJob(ctx, { jobId: lost.id })).processed).toBe(0);
      expect(await maintainJobs(ctx, { staleMs: 60_000, redispatchAfterMs: 1 })).toMatchObject({ redispatched: 2 });
      await waitFor(() => getJob(ctx, { jobId: lost.id }), (j) => j.status === 'completed');
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
