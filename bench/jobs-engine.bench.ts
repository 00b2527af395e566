// Engine overhead: a job of 100,000 items that do nothing, with durable progress (every chunk
// commits its item results and counts). Embedded (PGlite, worker in the process, as `serve`
// runs it) and PostgreSQL with one and two `leadforge worker` processes (BullMQ on Redis, and
// without Redis: workers leasing chunks from the database).
//   npm run bench -- jobs-engine [--items=100000] [--only=embedded,bullmq,db] [--workers=1,2] [--workloads=trivial,cpu,billed]
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test: a scratch database
// is created beside it and dropped), BENCH_REDIS_URL (default redis://127.0.0.1:6379).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx, Services } from '../src/core/context.js';
import { queryRows } from '../src/core/db.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase, type Database } from '../src/adapters/db/client.js';
import { embeddedDbDir } from '../src/adapters/db/embedded-layout.js';
import { runMigrations } from '../src/adapters/db/migrate.js';
import { MemoryMailer } from '../src/adapters/mail/app-mailer.js';
import { BullmqQueue } from '../src/adapters/queue/bullmq.js';
import { InProcessQueue, startChunkWorker } from '../src/adapters/queue/index.js';
import { users } from '../src/domains/auth/index.js';
import { grantCredits } from '../src/domains/credits/index.js';
import { getJob, isFinished, startJob, type JobQueue, type JobStatus } from '../src/domains/jobs/index.js';
import { createWorkspace } from '../src/domains/workspaces/index.js';
import { registerBenchKinds } from './fixtures/jobs-kinds.js';

export const description = 'jobs engine overhead: 100,000 trivial items, embedded and PostgreSQL (+BullMQ) with 1 and 2 workers';

const ROOT = new URL('../', import.meta.url).pathname;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** What the items do: nothing (engine overhead), or some CPU work in the worker each. */
interface Workload {
  name: string;
  kind: string;
  payload: (items: number) => Record<string, unknown>;
}
const WORKLOADS: Record<string, Workload> = {
  trivial: { name: 'trivial', kind: 'bench.trivial', payload: (count) => ({ count }) },
  cpu: { name: '100 µs CPU per item', kind: 'bench.cpu', payload: (count) => ({ count, cpuMicros: 100 }) },
  // Not in the default run: what billing adds (one batched settleCharges per chunk).
  billed: { name: 'trivial, 1 credit each', kind: 'bench.billed', payload: (count) => ({ count }) },
};

interface Result {
  workload: string;
  setup: string;
  workers: number;
  items: number;
  seedS: number;
  runS: number;
  profile?: Profile;
}

/** Where the time of a PostgreSQL run went (seed + run). */
interface Profile {
  chunks: number;
  /** Transactions the database committed (each autocommit statement is one), less the benchmark's own. */
  xacts: number;
  /** CPU seconds of the backends serving the workers, and of the worker processes (the run, not the seed). */
  pgCpuS: number;
  workerCpuS: number;
  /** CPU seconds of the Redis server during the run (the whole server: other users' commands too). */
  redisCpuS?: number;
}

/** CPU seconds the Redis server has used so far (INFO cpu: user + system, main thread and children). */
async function redisCpuS(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** CPU seconds (user + system) of a process of this machine, from /proc (0 when gone). */
function procCpuS(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return 0;
  }
}

const WORKER_APP = 'leadforge-bench-worker';

async function backendCpuS(admin: pg.Client, dbName: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and application_name = $2', [dbName, WORKER_APP]);
  return new Map(rows.map((r) => [r.pid, procCpuS(r.pid)]));
}

async function xactsOf(admin: pg.Client, dbName: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>('select xact_commit + xact_rollback as n from pg_stat_database where datname = $1', [dbName]);
  return Number(rows[0]?.n ?? 0);
}

const ctxFor = (database: Database, services: Services, workspaceId?: string): Ctx => ({
  db: database.db,
  inTransaction: false,
  config: testConfig(),
  log: silentLogger(),
  clock: systemClock,
  services,
  actor: { type: 'system' },
  workspaceId,
});

async function newWorkspace(ctx: Ctx): Promise<string> {
  const [user] = await ctx.db
    .insert(users)
    .values({ email: `bench-${randomBytes(4).toString('hex')}@example.test`, name: 'bench', passwordHash: 'x' })
    .returning();
  const id = (await createWorkspace(ctx, { name: 'Bench', ownerUserId: user!.id })).id;
  await grantCredits({ ...ctx, workspaceId: id }, { amountMilli: 1_000_000_000, reason: 'benchmark' });
  return id;
}

/** Starts the job (seeding its items), then waits for it to finish; both timed. */
async function timeJob(ctx: Ctx, items: number, workload: Workload): Promise<{ seedS: number; runS: number; jobId: string; polls: number }> {
  const t0 = performance.now();
  const job = await startJob(ctx, { kind: workload.kind, payload: workload.payload(items) });
  const t1 = performance.now();
  let status = job.status;
  let polls = 0;
  // One cheap statement per look (the profile subtracts them from the database's transactions).
  while (!isFinished(status)) {
    await new Promise((r) => setTimeout(r, 50));
    const [row] = await queryRows<{ status: JobStatus }>(ctx.db, sql`select status from jobs where id = ${job.id}::uuid`);
    status = row!.status;
    polls++;
  }
  const t2 = performance.now();
  const done = await getJob(ctx, { jobId: job.id });
  if (done.status !== 'completed' || done.succeeded !== items) throw new Error(`job ended ${done.status} with ${done.succeeded}/${items}`);
  return { seedS: (t1 - t0) / 1000, runS: (t2 - t1) / 1000, jobId: job.id, polls };
}

async function explainItemLoad(ctx: Ctx, jobId: string): Promise<string> {
  const plan = await queryRows<{ 'QUERY PLAN': string }>(
    ctx.db,
    sql`explain select id, seq, ref, input, attempts from job_items
         where job_id = ${jobId}::uuid and workspace_id = ${ctx.workspaceId!}::uuid and seq >= 500 and seq < 1000 and status = 'pending' order by seq`,
  );
  return plan.map((r) => r['QUERY PLAN']).join(' / ');
}

async function embedded(items: number, workload: Workload): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'lf-bench-'));
  const database = await openDatabase({ pgliteDir: embeddedDbDir(dir) });
  try {
    await runMigrations(database);
    const queue = new InProcessQueue();
    const services: Services = { mailer: new MemoryMailer(), queue };
    const ws = await newWorkspace(ctxFor(database, services));
    const worker = await startChunkWorker(ctxFor(database, services), queue, { settings: { concurrency: 2 } });
    const r = await timeJob(ctxFor(database, services, ws), items, workload);
    log(`  plan of the chunk's item load: ${await explainItemLoad(ctxFor(database, services, ws), r.jobId)}`);
    await worker.stop();
    return { workload: workload.name, setup: 'embedded PGlite, worker in process (in-process driver)', workers: 1, items, ...r };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnWorkers(n: number, env: Record<string, string>): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const inherited = { ...process.env };
          delete inherited.REDIS_URL;
          // BENCH_WORKER_NODE_ARGS: extra node flags for the workers (e.g. --cpu-prof --cpu-prof-dir=DIR).
          const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
          const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench/fixtures/jobs-worker.ts')], {
            cwd: ROOT,
            env: { ...inherited, LEADFORGE_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef', ...env },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          child.stdout!.setEncoding('utf8');
          child.stdout!.once('data', (d: string) => (d.includes('ready') ? resolve(child) : reject(new Error(d))));
          child.once('exit', (code) => reject(new Error(`bench worker exited ${code}`)));
        }),
    ),
  );
}

/** Stops the workers; answers the CPU seconds each used (as it reports on SIGTERM). */
async function stopWorkers(children: ChildProcess[]): Promise<number[]> {
  return Promise.all(
    children.map(
      (c) =>
        new Promise<number>((resolve) => {
          let cpuS = 0;
          c.stdout!.on('data', (d: string) => {
            const m = /cpu (\d+)/.exec(d);
            if (m) cpuS = Number(m[1]) / 1000;
          });
          c.once('exit', () => resolve(cpuS));
          c.kill('SIGTERM');
        }),
    ),
  );
}

async function postgres(items: number, workers: number, withRedis: boolean, workload: Workload): Promise<Result> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const name = `lf_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  const redis = withRedis ? new Redis(redisUrl, { maxRetriesPerRequest: null }) : undefined;
  const prefix = `lf-bench-${randomBytes(4).toString('hex')}`;
  const queue: JobQueue = redis ? new BullmqQueue(redis, prefix) : new InProcessQueue();
  let children: ChildProcess[] = [];
  try {
    await runMigrations(database);
    const services: Services = { mailer: new MemoryMailer(), queue };
    const ws = await newWorkspace(ctxFor(database, services));
    const workerUrl = new URL(url);
    workerUrl.searchParams.set('application_name', WORKER_APP);
    children = await spawnWorkers(workers, {
      DATABASE_URL: workerUrl.toString(),
      ...(redis ? { REDIS_URL: redisUrl, LF_BENCH_QUEUE_PREFIX: prefix } : {}),
    });
    // Backends live as long as their pools: the ones open now (bench + workers) are the run's.
    // The workers' backends (by application_name): the engine's database work, without the seed.
    const cpuBefore = await backendCpuS(admin, name);
    const xactsBefore = await xactsOf(admin, name);
    const redisBefore = redis ? await redisCpuS(redis) : 0;
    const r = await timeJob(ctxFor(database, services, ws), items, workload);
    const redisCpu = redis ? (await redisCpuS(redis)) - redisBefore : undefined;
    const cpuAfter = await backendCpuS(admin, name);
    let pgCpuS = 0;
    for (const [pid, after] of cpuAfter) pgCpuS += after - (cpuBefore.get(pid) ?? 0);
    const xacts = (await xactsOf(admin, name)) - xactsBefore - r.polls - 1;
    const workerCpuS = (await stopWorkers(children)).reduce((a, b) => a + b, 0);
    children = [];
    const chunks = Math.ceil(items / 500);
    if (workers === 1) log(`  plan of the chunk's item load: ${await explainItemLoad(ctxFor(database, services, ws), r.jobId)}`);
    const setup = redis ? 'PostgreSQL 15 + BullMQ (Redis)' : 'PostgreSQL 15, no Redis (workers lease from the database)';
    return { workload: workload.name, setup, workers, items, ...r, profile: { chunks, xacts, pgCpuS, workerCpuS, redisCpuS: redisCpu } };
  } finally {
    await stopWorkers(children);
    if (queue instanceof BullmqQueue) await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis?.disconnect();
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let kernel = '';
  try {
    kernel = readFileSync('/proc/version', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    /* not Linux */
  }
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${kernel}; load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`;
}

export async function run(args: string[]): Promise<void> {
  registerBenchKinds();
  const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const items = Number(opt('items') ?? 100_000);
  const only = (opt('only') ?? 'embedded,bullmq,db').split(',');
  const workerCounts = (opt('workers') ?? '1,2').split(',').map(Number);
  const workloads = (opt('workloads') ?? 'trivial,cpu').split(',').map((w) => {
    const found = WORKLOADS[w];
    if (!found) throw new Error(`unknown workload ${w}; known: ${Object.keys(WORKLOADS).join(', ')}`);
    return found;
  });
  const results: Result[] = [];
  const startedOn = machine();
  log(`machine: ${startedOn}`);
  for (const workload of workloads) {
    if (only.includes('embedded')) {
      log(`${workload.name}: embedded…`);
      results.push(await embedded(items, workload));
    }
    for (const withRedis of [true, false]) {
      if (!only.includes(withRedis ? 'bullmq' : 'db')) continue;
      for (const workers of workerCounts) {
        log(`${workload.name}: postgres ${withRedis ? '+ BullMQ' : 'without Redis'}, ${workers} worker(s)…`);
        results.push(await postgres(items, workers, withRedis, workload));
      }
    }
  }
  const out = [
    `Machine: ${startedOn}`,
    '',
    '| items do | setup | worker processes | items | seed (start job) s | run s | items/s | total s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.workload} | ${r.setup} | ${r.workers} | ${r.items.toLocaleString('en-US')} | ${r.seedS.toFixed(2)} | ${r.runS.toFixed(2)} | ${Math.round(r.items / r.runS).toLocaleString('en-US')} | ${(r.seedS + r.runS).toFixed(2)} |`,
    ),
    '',
  ];
  const profiled = results.filter((r) => r.profile);
  if (profiled.length > 0) {
    out.push(
      "Profile of the run: the workers' transactions per chunk of 500 (the seed's one transaction included), and CPU seconds of the workers' PostgreSQL backends and of the worker processes.",
      '',
      '| items do | setup | worker processes | transactions / chunk | PostgreSQL CPU s | workers CPU s | Redis CPU s | wall s |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...profiled.map(
        (r) =>
          `| ${r.workload} | ${r.setup} | ${r.workers} | ${(r.profile!.xacts / r.profile!.chunks).toFixed(1)} | ${r.profile!.pgCpuS.toFixed(2)} | ${r.profile!.workerCpuS.toFixed(2)} | ${r.profile!.redisCpuS?.toFixed(2) ?? '—'} | ${(r.seedS + r.runS).toFixed(2)} |`,
      ),
      '',
    );
  }
  for (const r2 of results.filter((r) => r.workers === 2)) {
    const one = results.find((r) => r.workload === r2.workload && r.setup === r2.setup && r.workers === 1);
    if (one) out.push(`- ${r2.workload}, ${r2.setup}: two workers take ${(r2.runS / one.runS).toFixed(2)}× the run time of one.`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
