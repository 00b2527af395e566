// Import end to end (file on disk → upload, preview, start, job drained) of a realistic
// 20-column CSV into a workspace that already holds `--existing` leads (10% of the file's rows
// match them), on the embedded database (in a data directory, as `serve` runs it) and on
// PostgreSQL; then, in the same run, a bare COPY of the same rows into an empty copy of the
// leads table (same indexes): the floor. Peak RSS of the process (the embedded database's
// worker thread included) is sampled every 50 ms.
//
//   npm run bench -- import-csv [--rows=100000] [--existing=100000] [--db=embedded,postgres] [--drain=worker|serial]
//   --drain=worker (default): the in-process driver's worker, two chunks at once, as `serve` and
//   `leadforge import` run the job; --drain=serial: one chunk after the other.
//   npm run bench -- import-csv --rows=1000000 --existing=0 --db=postgres   (the memory run; no floor above 200k rows)
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { queryRows, type Db } from '../src/core/db.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase, type Database } from '../src/adapters/db/client.js';
import { copyRows } from '../src/adapters/db/copy-rows.js';
import { runMigrations } from '../src/adapters/db/migrate.js';
import { diskUploadStore } from '../src/adapters/files/disk-upload-store.js';
import '../src/adapters/files/register-import-kind.js';
import { tableFileReader } from '../src/adapters/files/table-file-reader.js';
import { workspaces } from '../src/domains/workspaces/index.js';
import { getImport, importOptionsSchema, previewUpload, startImport, type ImportMapping } from '../src/domains/imports/index.js';
import { prepareImportRows } from '../src/domains/imports/prepare-import-rows.js';
import { claimNextChunk, isFinished, runClaimedChunk, type JobStatus } from '../src/domains/jobs/index.js';
import { InProcessQueue, InProcessWorker, workerSettings } from '../src/adapters/queue/index.js';
import { getTableColumns } from 'drizzle-orm';
import { leads } from '../src/domains/leads/index.js';
import { writeLeadsCsv } from './fixtures/realistic-leads.js';

export const description = 'CSV import end to end (20 columns, dedupe against existing leads) vs a bare COPY; peak memory';

const log = (s: string) => process.stderr.write(`${s}\n`);
const arg = (name: string, fallback: string) => process.argv.concat([]).find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

interface Scratch {
  database: Database;
  label: string;
  cleanup(): Promise<void>;
}

async function openScratch(kind: string, dir: string): Promise<Scratch> {
  if (kind === 'embedded') {
    const database = await openDatabase({ pgliteDir: join(dir, 'db') });
    await runMigrations(database);
    return { database, label: 'embedded PGlite (data dir)', cleanup: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `lf_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  await runMigrations(database);
  return {
    database,
    label: `PostgreSQL ${version.split(' ')[0]}`,
    async cleanup() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Peak resident set size of this process while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; baseMb: number }> {
  let peak = process.memoryUsage.rss();
  const baseMb = Math.round(peak / 1024 / 1024);
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const report = setInterval(() => log(`  peak RSS so far ${Math.round(peak / 1024 / 1024)} MB (now ${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MB)`), 30_000);
  try {
    const value = await fn();
    return { value, baseMb, peakMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
    clearInterval(report);
  }
}

async function importFile(ctx: Ctx, dir: string, file: string) {
  const deps = { reader: tableFileReader, uploads: diskUploadStore(dir, 2 ** 40) };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const up = await deps.uploads.save(ctx.workspaceId!, 'leads.csv', createReadStream(file));
  const preview = await previewUpload(ctx, deps, { uploadId: up.uploadId });
  const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: preview.columns });
  const t1 = performance.now();
  if (arg('drain', 'worker') === 'worker') {
    // As `serve` runs it: the in-process driver's worker with its default settings (2 chunks at once).
    const worker = new InProcessWorker({ ...ctx, workspaceId: undefined }, new InProcessQueue(), workerSettings({ pollMs: 20 }));
    worker.start();
    try {
      while (!isFinished((await getImport(ctx, imp.id)).status as JobStatus)) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await worker.stop();
    }
  } else {
    for (;;) {
      const claimed = await claimNextChunk(ctx, 'bench');
      if (!claimed) break;
      await runClaimedChunk(ctx, claimed, { workerId: 'bench', heartbeatMs: 60_000 });
    }
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const done = await getImport(ctx, imp.id);
  // CPU time of this process (all its threads: the embedded database's too): what the import
  // costs the Node side whatever the machine's load; wall time is what a user waits.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { startS: (t1 - t0) / 1000, jobS: (t2 - t1) / 1000, totalS: (t2 - t0) / 1000, cpuS, done, mapping: preview.columns as ImportMapping };
}

/** The file's rows as the import prepares them, COPYed into an empty `like leads including all` table: the floor. */
async function bareCopy(db: Db, file: string, mapping: ImportMapping, workspaceId: string) {
  const columns = Object.values(getTableColumns(leads)).map((c) => c.name);
  const keys = Object.keys(getTableColumns(leads));
  const info = await tableFileReader.inspect(file);
  const records = [];
  let first = true;
  for await (const r of tableFileReader.records(file, info)) {
    if (first) first = false;
    else records.push(r);
  }
  const options = importOptionsSchema.parse({});
  const customFields = mapping.filter((m) => m.field?.startsWith('custom.')).map((m) => ({ key: m.field!.slice(7), label: m.header, type: 'text' as const, options: [] }));
  const { rows } = prepareImportRows(records, { mapping, options, workspaceId, sourceId: 1, now: new Date(), customFields });
  records.length = 0;
  const values = rows.map((r) => {
    const row = { ...r.prepared.row, id: crypto.randomUUID() } as Record<string, unknown>;
    return keys.map((k) => row[k] ?? null);
  });
  await db.execute(sql`drop table if exists leads_floor`);
  await db.execute(sql`create table leads_floor (like leads including all)`);
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 10_000) await copyRows(tx as unknown as Db, 'leads_floor', columns, values.slice(i, i + 10_000));
  });
  const s = (performance.now() - t0) / 1000;
  await db.execute(sql`drop table leads_floor`);
  return s;
}

export async function run() {
  const rows = Number(arg('rows', '100000'));
  const existing = Number(arg('existing', String(rows)));
  const kinds = arg('db', 'embedded,postgres').split(',');
  const dir = mkdtempSync(join(tmpdir(), 'lf-bench-import-'));
  const out: string[] = [];
  try {
    // The file's first 10% are people already in the workspace (rows existing-10%…).
    const overlap = Math.min(existing, Math.floor(rows / 10));
    const seedFile = join(dir, 'existing.csv');
    const file = join(dir, 'import.csv');
    if (existing) await writeLeadsCsv(seedFile, existing, 0);
    const bytes = await writeLeadsCsv(file, rows, existing - overlap);
    log(`files written: ${rows.toLocaleString('en-US')} rows (${(bytes / 1024 / 1024).toFixed(1)} MB), ${existing.toLocaleString('en-US')} existing`);
    for (const kind of kinds) {
      const scratch = await openScratch(kind, join(dir, kind));
      try {
        const db = scratch.database.db;
        const base: Ctx = { db, inTransaction: false, config: testConfig(), log: silentLogger(), clock: systemClock, services: { mailer: { send: async () => undefined } as never }, actor: { type: 'system' } };
        const [ws] = await db.insert(workspaces).values({ name: 'Bench' }).returning({ id: workspaces.id });
        const ctx = { ...base, workspaceId: ws!.id };
        if (existing) {
          const seeded = await importFile(ctx, join(dir, kind), seedFile);
          log(`${kind}: seeded ${seeded.done.counts.created} leads by import in ${seeded.totalS.toFixed(1)} s (process CPU ${seeded.cpuS.toFixed(1)} s)`);
          out.push(`| ${scratch.label} | ${existing.toLocaleString('en-US')} (seeding, empty workspace) | 0 | ${seeded.startS.toFixed(2)} s | ${seeded.jobS.toFixed(2)} s | **${seeded.totalS.toFixed(2)} s** (CPU ${seeded.cpuS.toFixed(1)} s) | ${Math.round(existing / seeded.totalS).toLocaleString('en-US')} | | | |`);
          await db.execute(sql`analyze leads`);
        }
        const { value: timed, peakMb, baseMb } = await peakRss(() => importFile(ctx, join(dir, kind), file));
        const c = timed.done.counts;
        log(`${kind}: import ${timed.totalS.toFixed(2)} s (process CPU ${timed.cpuS.toFixed(1)} s), counts ${JSON.stringify(c)}, peak RSS ${peakMb} MB`);
        const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from leads where workspace_id = ${ws!.id}::uuid`)) as [{ n: number }];
        const floor = rows <= 200_000 ? await bareCopy(db, file, timed.mapping, ws!.id) : null;
        out.push(
          `| ${scratch.label} | ${rows.toLocaleString('en-US')} | ${existing.toLocaleString('en-US')} | ${timed.startS.toFixed(2)} s | ${timed.jobS.toFixed(2)} s | **${timed.totalS.toFixed(2)} s** (CPU ${timed.cpuS.toFixed(1)} s) | ${Math.round(rows / timed.totalS).toLocaleString('en-US')} | ${floor === null ? '—' : `${floor.toFixed(2)} s`} | ${floor === null ? '—' : `${(timed.totalS / floor).toFixed(2)}×`} | ${peakMb} MB (${baseMb} MB before) |`,
        );
        log(`${kind}: created ${c.created}, skipped ${c.skipped}, invalid ${c.invalid}, leads now ${Number(n)}; floor ${floor?.toFixed(2) ?? '—'} s`);
      } finally {
        await scratch.cleanup();
      }
    }
    process.stdout.write(
      `| database | rows imported | leads already there | start (upload, preview, count) | job | total (process CPU) | rows/s | bare COPY (floor) | total ÷ floor | peak RSS (process + embedded database thread) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${out.join('\n')}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
