import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { silentLogger } from '../../src/core/logger.js';
import { openDatabase, type Database } from '../../src/adapters/db/client.js';
import { embeddedDbDir } from '../../src/adapters/db/embedded-layout.js';
import { runMigrations } from '../../src/adapters/db/migrate.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { users } from '../../src/domains/auth/index.js';
import { getImport, startImport } from '../../src/domains/imports/index.js';
import { createLead } from '../../src/domains/leads/index.js';
import { createWorkspace } from '../../src/domains/workspaces/index.js';
import { createTestDatabase } from '../helpers/db.js';
import { csv, importDeps, upload } from './support.js';

/**
 * An import of 12,000 rows (12 blocks) whose worker process is killed with SIGKILL twice
 * mid-run and started again: every row ends imported exactly once — no lead twice, counts and
 * undo records right — on the embedded database and on PostgreSQL.
 */
const ROWS = 12_000;
const REPEATED = 1_000; // the file's last rows repeat its first ones: duplicates in the file, across blocks
const EXISTING = 500; // leads already there, matching rows 5,000–5,499: skipped
const ROOT = new URL('../../', import.meta.url).pathname;
const WORKER = join(ROOT, 'test/imports/fixtures/crash-import-worker.ts');

interface WorkerProc {
  child: ChildProcess;
  processed: number;
  /** Chunks leased at the last report. */
  running: number;
  exited: Promise<number | null>;
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
    running: 0,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    reached: (n) =>
      new Promise((resolve, reject) => {
        // Past n blocks and with a block in flight: the kill then interrupts one.
        const check = () => w.processed >= n && w.running > 0 && resolve();
        child.stdout!.on('data', check);
        child.on('exit', () => (w.processed >= n ? resolve() : reject(new Error(`worker exited before ${n} blocks (at ${w.processed})`))));
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
    for (const l of lines) {
      const report = JSON.parse(l) as { processed: number; running: number };
      w.processed = Math.max(w.processed, report.processed);
      w.running = report.running;
    }
  });
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
  void w.exited.then((code) => code !== 0 && code !== null && process.stderr.write(`import worker exited ${code}:\n${stderr}\n`));
  return w;
}

async function kill9(w: WorkerProc) {
  w.child.kill('SIGKILL');
  expect(await w.exited).toBeNull();
}

const ctxFor = (database: Database, workspaceId?: string, userId?: string): Ctx => ({
  db: database.db,
  inTransaction: false,
  config: testConfig(),
  log: silentLogger(),
  clock: systemClock,
  services: { mailer: new MemoryMailer() },
  actor: userId ? { type: 'user', userId, role: 'owner' } : { type: 'system' },
  workspaceId,
});

/** A workspace with EXISTING leads and a started (not yet run) import of the file. */
async function arrange(database: Database, deps: ReturnType<typeof importDeps>) {
  const system = ctxFor(database);
  const [user] = await system.db.insert(users).values({ email: `crash-${randomBytes(4).toString('hex')}@example.test`, name: 'crash', passwordHash: 'x' }).returning();
  const ws = await createWorkspace(system, { name: 'Import crash', ownerUserId: user!.id });
  const ctx = ctxFor(database, ws.id, user!.id);
  for (let i = 5_000; i < 5_000 + EXISTING; i++) await createLead(ctx, { email: `p${i}@crash.test`, first_name: 'Existing' });
  const rows: string[][] = [['Email', 'First Name', 'Last Name', 'Company']];
  for (let i = 0; i < ROWS - REPEATED; i++) rows.push([`p${i}@crash.test`, `First${i}`, `Last${i}`, `Company ${i % 50}`]);
  for (let i = 0; i < REPEATED; i++) rows.push([`P${i}@Crash.test`, 'Again', `Last${i}`, 'Other']);
  const up = await upload(deps, ws.id, 'crash.csv', csv(rows));
  const imp = await startImport(ctx, deps, {
    uploadId: up.uploadId,
    mapping: ['email', 'first_name', 'last_name', 'company'].map((field, index) => ({ index, header: rows[0]![index]!, field })),
    newListName: 'Crash list',
  });
  return { workspaceId: ws.id, importId: imp.id, jobId: imp.jobId! };
}

async function verify(ctx: Ctx, importId: string, jobId: string) {
  const created = ROWS - REPEATED - EXISTING;
  const done = await getImport(ctx, importId);
  expect(done).toMatchObject({ status: 'completed', counts: { total: ROWS, created, updated: 0, skipped: EXISTING, invalid: 0, duplicates: REPEATED } });
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(ctx.db, q))[0]!;
  const leadsNow = await one<{ n: number; emails: number; first: number }>(
    sql`select count(*)::int as n, count(distinct email_normalized)::int as emails, count(*) filter (where first_name = 'Existing')::int as first
          from leads where workspace_id = ${ctx.workspaceId}::uuid`,
  );
  expect([Number(leadsNow.n), Number(leadsNow.emails), Number(leadsNow.first)]).toEqual([created + EXISTING, created + EXISTING, EXISTING]);
  const changes = await one<{ created: number; skipped: number; rows: number }>(
    sql`select count(*) filter (where action = 'created')::int as created, count(*) filter (where action = 'skipped')::int as skipped,
               count(distinct row_number)::int as rows from import_changes where import_id = ${importId}::uuid`,
  );
  expect([Number(changes.created), Number(changes.skipped), Number(changes.rows)]).toEqual([created, EXISTING, created + EXISTING]);
  const timeline = await one<{ n: number }>(sql`select count(*)::int as n from lead_activities where workspace_id = ${ctx.workspaceId}::uuid and type = 'imported'`);
  expect(Number(timeline.n)).toBe(created);
  const list = await one<{ lead_count: number }>(sql`select lead_count from lists where id = ${done.listId}::uuid`);
  expect(Number(list.lead_count)).toBe(created + EXISTING);
  const leases = await one<{ chunks: number; leases: number }>(sql`select count(*)::int as chunks, sum(attempts)::int as leases from job_chunks where job_id = ${jobId}::uuid`);
  // More leases than chunks: the kills interrupted blocks that were then taken back and redone.
  expect(Number(leases.leases)).toBeGreaterThan(Number(leases.chunks));
}

async function killTwiceThenFinish(env: Record<string, string>) {
  const first = spawnWorker(env);
  await first.reached(3);
  await kill9(first);
  const second = spawnWorker(env);
  await second.reached(7);
  await kill9(second);
  const third = spawnWorker(env);
  expect(await third.exited).toBe(0);
}

const embedded = !process.env.TEST_DATABASE_URL;

describe('crash: an import whose worker is killed with SIGKILL mid-run', () => {
  it.skipIf(!embedded)('embedded database: killed twice, restarted, every row imported once', { timeout: 900_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-import-crash-'));
    const deps = importDeps();
    try {
      let database = await openDatabase({ pgliteDir: embeddedDbDir(dataDir) });
      await runMigrations(database);
      const { workspaceId, importId, jobId } = await arrange(database, deps);
      await database.close();
      await killTwiceThenFinish({ LEADFORGE_DATA_DIR: dataDir, LF_TEST_JOB_ID: jobId, LF_TEST_WORKSPACE_ID: workspaceId });
      database = await openDatabase({ pgliteDir: embeddedDbDir(dataDir) });
      try {
        await verify(ctxFor(database, workspaceId), importId, jobId);
      } finally {
        await database.close();
      }
    } finally {
      deps.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(embedded)('PostgreSQL (TEST_DATABASE_URL): killed twice, restarted, every row imported once', { timeout: 900_000 }, async () => {
    const db = await createTestDatabase();
    const deps = importDeps();
    try {
      const { workspaceId, importId, jobId } = await arrange(db.database, deps);
      await killTwiceThenFinish({ DATABASE_URL: db.url!, LEADFORGE_DATA_DIR: deps.dataDir, LF_TEST_JOB_ID: jobId, LF_TEST_WORKSPACE_ID: workspaceId });
      await verify(ctxFor(db.database, workspaceId), importId, jobId);
    } finally {
      deps.cleanup();
      await db.cleanup();
    }
  });
});
