import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import type { Ctx, Services } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { silentLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/adapters/db/client.js';
import { embeddedDbDir } from '../../src/adapters/db/embedded-layout.js';
import { runMigrations } from '../../src/adapters/db/migrate.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { BullmqQueue } from '../../src/adapters/queue/bullmq.js';
import { users } from '../../src/domains/auth/index.js';
import { getBalance, grantCredits } from '../../src/domains/credits/index.js';
import { getJob, startJob } from '../../src/domains/jobs/index.js';
import { createWorkspace } from '../../src/domains/workspaces/index.js';
import { createTestDatabase } from '../helpers/db.js';
import { chargesOf, effectsOf } from './helpers.js';
import { createEffectsTable, registerTestKinds } from './kinds.js';

/**
 * A job of 10,000 billed items; worker processes are killed with SIGKILL mid-run and started
 * again. Every item must end committed exactly once and charged exactly once.
 */
const ITEMS = 10_000;
const COST_MILLI = 1000;
const ROOT = new URL('../../', import.meta.url).pathname;
const WORKER = join(ROOT, 'test/jobs/fixtures/crash-worker.ts');

interface WorkerProc {
  child: ChildProcess;
  processed: number;
  exited: Promise<number | null>;
  /** Resolves once the job's processed count reaches n (as this worker reports it). */
  reached(n: number): Promise<void>;
}

function spawnWorker(env: Record<string, string>): WorkerProc {
  const inherited = { ...process.env };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'LEADFORGE_DATA_DIR']) delete inherited[k];
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'error', LEADFORGE_SECRET: 'crash-test-secret-0123456789abcdef0123456789', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: WorkerProc = {
    child,
    processed: 0,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    reached: (n) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (w.processed < n) return;
          child.stdout!.off('data', check);
          resolve();
        };
        child.stdout!.on('data', check);
        child.on('exit', () => (w.processed >= n ? resolve() : reject(new Error(`worker exited before ${n} items (at ${w.processed})`))));
        check();
      }),
  };
  let buf = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.prependListener('data', (chunk: string) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) w.processed = Math.max(w.processed, (JSON.parse(l) as { processed: number }).processed);
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-20_000);
  });
  void w.exited.then((code) => {
    if (code !== 0 && code !== null) process.stderr.write(`crash worker ${child.pid} exited ${code}:\n${stderr}\n`);
  });
  return w;
}

async function kill9(w: WorkerProc) {
  w.child.kill('SIGKILL');
  expect(await w.exited).toBeNull();
}

function ctxFor(database: Database, services: Services, workspaceId?: string): Ctx {
  return { db: database.db, inTransaction: false, config: testConfig(), log: silentLogger(), clock: systemClock, services, actor: { type: 'system' }, workspaceId };
}

/** A workspace with enough credits and a started job of ITEMS billed items (not dispatched unless a queue is given). */
async function arrange(database: Database, services: Services) {
  registerTestKinds();
  await createEffectsTable(database.db);
  const system = ctxFor(database, services);
  const [user] = await system.db
    .insert(users)
    .values({ email: `crash-${randomBytes(4).toString('hex')}@example.test`, name: 'crash', passwordHash: 'x' })
    .returning();
  const ws = await createWorkspace(system, { name: 'Crash test', ownerUserId: user!.id });
  const ctx = ctxFor(database, services, ws.id);
  await grantCredits(ctx, { amountMilli: ITEMS * COST_MILLI * 2, reason: 'crash test' });
  const before = await getBalance(ctx);
  const job = await startJob(ctx, { kind: 'test.billed', payload: { count: ITEMS } });
  return { workspaceId: ws.id, jobId: job.id, before };
}

/** The proof: every item committed once, charged once, the reservation gone, some chunk leased twice. */
async function verify(ctx: Ctx, jobId: string, before: { balanceMilli: number; reservedMilli: number }) {
  expect(await getJob(ctx, { jobId })).toMatchObject({ status: 'completed', total: ITEMS, processed: ITEMS, succeeded: ITEMS, failed: 0 });
  expect(await effectsOf(ctx, jobId)).toEqual({ total: ITEMS, distinct: ITEMS });
  expect(await chargesOf(ctx, jobId)).toEqual({ charges: ITEMS, keys: ITEMS, netMilli: ITEMS * COST_MILLI, refunds: 0 });
  const after = await getBalance(ctx);
  expect(before.balanceMilli - after.balanceMilli).toBe(ITEMS * COST_MILLI);
  expect(after.reservedMilli).toBe(before.reservedMilli);
  const [leases] = await queryRows<{ chunks: number; leases: number }>(
    ctx.db,
    sql`select count(*)::int as chunks, sum(attempts)::int as leases from job_chunks where job_id = ${jobId}::uuid`,
  );
  // More leases than chunks: the kills interrupted work that was then taken back and redone.
  expect(Number(leases!.leases)).toBeGreaterThan(Number(leases!.chunks));
}

const embedded = !process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe('crash: workers killed with SIGKILL mid-job', () => {
  it.skipIf(!embedded)('embedded database (runs without TEST_DATABASE_URL): one worker killed twice, every item done and charged once', { timeout: 900_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-crash-'));
    try {
      let database = await openDatabase({ pgliteDir: embeddedDbDir(dataDir) });
      await runMigrations(database);
      const { workspaceId, jobId, before } = await arrange(database, { mailer: new MemoryMailer() });
      await database.close();

      const env = { LEADFORGE_DATA_DIR: dataDir, LF_TEST_JOB_ID: jobId, LF_TEST_WORKSPACE_ID: workspaceId };
      const first = spawnWorker(env);
      await first.reached(ITEMS * 0.2);
      await kill9(first);
      const second = spawnWorker(env);
      await second.reached(ITEMS * 0.6);
      await kill9(second);
      const third = spawnWorker(env);
      expect(await third.exited).toBe(0);

      database = await openDatabase({ pgliteDir: embeddedDbDir(dataDir) });
      try {
        await verify(ctxFor(database, { mailer: new MemoryMailer() }, workspaceId), jobId, before);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(embedded || !redisUrl)('PostgreSQL + BullMQ (needs TEST_DATABASE_URL and TEST_REDIS_URL): two workers, each killed once, every item done and charged once', { timeout: 900_000 }, async () => {
    const db = await createTestDatabase();
    const redis = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const prefix = `lf-test-crash-${randomBytes(4).toString('hex')}`;
    const queue = new BullmqQueue(redis, prefix);
    try {
      const { workspaceId, jobId, before } = await arrange(db.database, { mailer: new MemoryMailer(), queue });
      const env = { DATABASE_URL: db.url!, REDIS_URL: redisUrl!, LF_TEST_QUEUE_PREFIX: prefix, LF_TEST_JOB_ID: jobId, LF_TEST_WORKSPACE_ID: workspaceId };
      const a = spawnWorker(env);
      const b = spawnWorker(env);
      await a.reached(ITEMS * 0.25);
      await kill9(a);
      const a2 = spawnWorker(env);
      await b.reached(ITEMS * 0.6);
      await kill9(b);
      const b2 = spawnWorker(env);
      expect(await a2.exited).toBe(0);
      expect(await b2.exited).toBe(0);
      await verify(ctxFor(db.database, { mailer: new MemoryMailer() }, workspaceId), jobId, before);
    } finally {
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      redis.disconnect();
      await db.cleanup();
    }
  });
});
