// Lead export to a file (the `exports.run` job's path: keyset batches → CSV/XLSX/JSON writer →
// file) of every lead of a workspace, on PostgreSQL with `--rows` leads in the exported
// workspace and as many in another one (scoping must cost nothing), and on the embedded
// database with `--embedded-rows`. Peak RSS of the process is sampled every 50 ms.
//
//   npm run bench -- leads-export [--rows=1000000] [--embedded-rows=100000] [--db=postgres,embedded] [--formats=csv,json,xlsx]
//
// The PostgreSQL database `leadforge_bench_export` is kept between runs (seeding 2M leads takes
// minutes); it is re-seeded when its counts differ from --rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { queryRows, type Db } from '../src/core/db.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase, type Database } from '../src/adapters/db/client.js';
import { runMigrations } from '../src/adapters/db/migrate.js';
import { CANONICAL_FIELDS } from '../src/domains/leads/index.js';
import { writeLeadExport, type ExportFormat } from '../src/domains/exports/index.js';
import { writeExportFile } from '../src/domains/exports/export-files.js';

export const description = 'export every lead of a workspace to CSV (and JSON / XLSX): time and peak memory, 1M rows on PostgreSQL';

const log = (s: string) => process.stderr.write(`${s}\n`);
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const BENCH_DB = 'leadforge_bench_export';

async function openPostgresBench(rows: number): Promise<{ database: Database; label: string; workspaceId: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB])).rowCount;
  if (!exists) await admin.query(`create database ${BENCH_DB}`);
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  await runMigrations(database);
  const workspaceId = await ensureSeed(database.db, rows, 2);
  await database.db.execute(sql`vacuum analyze leads`);
  return { database, label: `PostgreSQL ${version.split(' ')[0]}`, workspaceId };
}

/** `workspacesCount` workspaces of `rows` leads each, generated in the server; returns the first workspace. */
async function ensureSeed(db: Db, rows: number, workspacesCount: number): Promise<string> {
  const counts = await queryRows<{ id: string; n: number }>(
    db,
    sql`select w.id, (select count(*)::int from leads l where l.workspace_id = w.id) as n from workspaces w where w.name like 'export bench %' order by w.name`,
  );
  if (counts.length === workspacesCount && counts.every((c) => c.n === rows)) return counts[0]!.id;
  log(`seeding ${workspacesCount} × ${rows.toLocaleString('en')} leads…`);
  const t0 = Date.now();
  await db.execute(sql`delete from workspaces where name like 'export bench %'`);
  // The trigram index doubles the load time and plays no part in an export.
  await db.execute(sql`drop index if exists leads_search_trgm_idx`);
  const ids: string[] = [];
  for (let w = 0; w < workspacesCount; w++) {
    const [ws] = await queryRows<{ id: string }>(db, sql`insert into workspaces (name) values (${`export bench ${w}`}) returning id`);
    ids.push(ws!.id);
    for (let from = 1; from <= rows; from += 250_000) {
      const to = Math.min(rows, from + 249_999);
      await db.execute(sql`
        insert into leads (workspace_id, email, email_normalized, first_name, last_name, full_name, title, company, company_normalized,
                           company_domain, website, phone, phone_type, phone_country, city, country, country_code, linkedin_url,
                           employee_count, annual_revenue, tags, custom, provenance, search_text, sort_last_name, sort_company, created_at, updated_at)
        select ${ws!.id}::uuid, 'user' || g || '@company' || (g % 5000) || '.com', 'user' || g || '@company' || (g % 5000) || '.com',
               'First' || g, 'Last' || (g % 9973), 'First' || g || ' Last' || (g % 9973),
               case when g % 1000 = 0 then '=HYPERLINK("http://x")' else 'Head of Engineering' end,
               'Company ' || (g % 5000) || ', Inc.', 'company ' || (g % 5000), 'company' || (g % 5000) || '.com',
               'https://company' || (g % 5000) || '.com', '+1415' || lpad((g % 10000000)::text, 7, '0'), 'fixed_line_or_mobile', 'US',
               'San Francisco', 'United States', 'US', 'https://www.linkedin.com/in/user-' || g, 10 + g % 5000, (g % 100000) * 1000.5,
               array['tag' || (g % 10), 'tier ' || (g % 3)], jsonb_build_object('persona', 'persona ' || (g % 7), 'score', g % 100),
               '{"1:1767225600": ["email", "first_name", "last_name", "company", "phone"]}'::jsonb,
               'first' || g || ' last' || (g % 9973) || ' company ' || (g % 5000), '1last' || (g % 9973), '1company ' || (g % 5000),
               now() - make_interval(secs => g), now()
          from generate_series(${from}::int, ${to}::int) g`);
      log(`  workspace ${w + 1}: ${to.toLocaleString('en')} rows (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  return ids[0]!;
}

async function openEmbeddedBench(rows: number, dir: string) {
  const database = await openDatabase({ pgliteDir: join(dir, 'db') });
  await runMigrations(database);
  const workspaceId = await ensureSeed(database.db, rows, 1);
  return { database, label: 'embedded PGlite (data dir)', workspaceId };
}

/** Peak resident set size of this process while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; baseMb: number }> {
  let peak = process.memoryUsage.rss();
  const baseMb = Math.round(peak / 1024 / 1024);
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const value = await fn();
    return { value, baseMb, peakMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

async function exportOnce(database: Database, workspaceId: string, dataDir: string, format: ExportFormat) {
  const ctx: Ctx = {
    db: database.db,
    inTransaction: false,
    config: testConfig({ dataDir }),
    log: silentLogger(),
    clock: systemClock,
    services: { mailer: { send: async () => undefined } as never },
    actor: { type: 'system' },
    workspaceId,
  };
  const columns = [...CANONICAL_FIELDS, 'custom.persona', 'custom.score'];
  const exp = { id: `bench-${format}`, workspaceId, format, columns, scope: {} };
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const r = await peakRss(() => writeExportFile(ctx, exp, (out) => writeLeadExport(ctx, exp, out)));
  const seconds = (Date.now() - t0) / 1000;
  // This process's CPU (user + system): the rest of the wall time is the database (or waiting for a core on a loaded machine).
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { rows: r.value.result.rowCount, bytes: r.value.bytes, seconds, nodeCpuSeconds, peakMb: r.peakMb, baseMb: r.baseMb, columns: columns.length };
}

export async function run(): Promise<void> {
  const rows = Number(arg('rows', '1000000'));
  const embeddedRows = Number(arg('embedded-rows', '100000'));
  const dbs = arg('db', 'postgres,embedded').split(',');
  const formats = arg('formats', 'csv').split(',') as ExportFormat[];
  const out: string[] = [
    `Load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start.`,
    '| database | leads exported (in the workspace / in the database) | format | columns | time | Node CPU | rows/s | file | peak RSS (before) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const kind of dbs) {
    const dir = mkdtempSync(join(tmpdir(), 'lf-bench-export-'));
    const n = kind === 'postgres' ? rows : embeddedRows;
    const opened = kind === 'postgres' ? await openPostgresBench(n) : await openEmbeddedBench(n, dir);
    try {
      for (const format of formats) {
        log(`${opened.label}: exporting ${n.toLocaleString('en')} leads to ${format}…`);
        const r = await exportOnce(opened.database, opened.workspaceId, dir, format);
        out.push(
          `| ${opened.label} | ${r.rows.toLocaleString('en')} / ${(kind === 'postgres' ? 2 * n : n).toLocaleString('en')} | ${format} | ${r.columns} | ${r.seconds.toFixed(1)} s | ${r.nodeCpuSeconds.toFixed(1)} s | ${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${(r.bytes / 1024 / 1024).toFixed(0)} MB | ${r.peakMb} MB (${r.baseMb} MB) |`,
        );
        log(out.at(-1)!);
      }
    } finally {
      await opened.database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
