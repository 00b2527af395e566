import { sql } from 'drizzle-orm';
import { systemClock, type Clock } from '../../src/core/clock.js';
import { testConfig, type Config } from '../../src/core/config.js';
import type { Ctx, Services } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildApp } from '../../src/adapters/http/app.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { InProcessQueue } from '../../src/adapters/queue/index.js';
import { claimNextChunk, runClaimedChunk, maintainJobs, type JobQueue } from '../../src/domains/jobs/index.js';
import type { Redis } from 'ioredis';
import type { TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createEffectsTable, registerTestKinds } from './kinds.js';

export interface JobsTestApp extends TestApp {
  services: Services;
}

/** The real app on a fresh database with a job queue in its services and the test kinds registered. */
export async function createJobsTestApp(options: { clock?: Clock; queue?: JobQueue; redis?: Redis; db?: TestDatabase } = {}): Promise<JobsTestApp> {
  registerTestKinds();
  const db = options.db ?? (await createTestDatabase());
  await createEffectsTable(db.database.db);
  const mailer = new MemoryMailer();
  const config: Config = testConfig();
  const clock = options.clock ?? systemClock;
  const log = silentLogger();
  const services: Services = { mailer, queue: options.queue ?? new InProcessQueue() };
  const app = await buildApp({ database: db.database, config, log, clock, services, redis: options.redis, webDir: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    mailer,
    config,
    services,
    ctx: (workspaceId?: string): Ctx => ({ db: db.database.db, inTransaction: false, config, log, clock, services, actor: { type: 'system' }, workspaceId }),
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

/** Runs due chunks in this process until none is left (no worker loop: deterministic). */
export async function drain(ctx: Ctx, options: { maxChunks?: number } = {}): Promise<number> {
  let n = 0;
  for (;;) {
    if (options.maxChunks !== undefined && n >= options.maxChunks) return n;
    const claimed = await claimNextChunk(ctx, 'test-worker');
    if (!claimed) return n;
    await runClaimedChunk(ctx, claimed, { workerId: 'test-worker', heartbeatMs: 60_000 });
    n++;
  }
}

/** drain, advancing a manual clock past retry backoffs, until the job has no pending chunk. */
export async function drainWithBackoff(ctx: Ctx, advance: (ms: number) => void, jobId: string, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await drain(ctx);
    await maintainJobs(ctx, { staleMs: 60_000, redispatchAfterMs: 0 });
    const [open] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from job_chunks where job_id = ${jobId}::uuid and status in ('pending', 'running')`);
    if (!open || Number(open.n) === 0) return;
    advance(60_000);
  }
  throw new Error('job still has open chunks');
}

export async function effectsOf(ctx: Ctx, jobId: string) {
  const [row] = await queryRows<{ total: number; distinct_items: number }>(
    ctx.db,
    sql`select count(*)::int as total, count(distinct item_id)::int as distinct_items from lf_test_effects where job_id = ${jobId}::uuid`,
  );
  return { total: Number(row!.total), distinct: Number(row!.distinct_items) };
}

/** Charges recorded for a job's items in the credit ledger. */
export async function chargesOf(ctx: Ctx, jobId: string) {
  const [row] = await queryRows<{ n: number; keys: number; milli: number; refunds: number }>(
    ctx.db,
    sql`select count(*) filter (where l.kind = 'charge')::int as n,
               count(distinct l.idempotency_key) filter (where l.kind = 'charge')::int as keys,
               coalesce(-sum(l.amount_milli) filter (where l.kind in ('charge', 'refund')), 0)::bigint as milli,
               count(*) filter (where l.kind = 'refund')::int as refunds
          from credit_ledger l
          join job_items i on l.idempotency_key like 'job_item:%' and split_part(l.idempotency_key, ':', 2)::bigint = i.id
         where i.job_id = ${jobId}::uuid`,
  );
  return { charges: Number(row!.n), keys: Number(row!.keys), netMilli: Number(row!.milli), refunds: Number(row!.refunds) };
}
