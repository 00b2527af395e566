// Lead search, filters and counts over the API (fastify inject: routing, auth, validation,
// query and JSON of 50 leads), on PostgreSQL with 1,000,000 leads in each of two workspaces and
// on the embedded database (PGlite) with 100,000 in each.
//   npm run bench -- leads-search [--rows=1000000] [--embedded-rows=100000] [--only=postgres,embedded] [--runs=40]
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). The seeded database
// `leadforge_bench_leads_v2` (and /tmp/leadforge-bench-leads-v2-<rows>) is kept and reused when its row count matches.
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { queryRows } from '../src/core/db.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase, type Database } from '../src/adapters/db/client.js';
import { embeddedDbDir } from '../src/adapters/db/embedded-layout.js';
import { runMigrations } from '../src/adapters/db/migrate.js';
import { buildApp } from '../src/adapters/http/app.js';
import { MemoryMailer } from '../src/adapters/mail/app-mailer.js';
import { createApiKey, users } from '../src/domains/auth/index.js';
import { createWorkspace } from '../src/domains/workspaces/index.js';

export const description = 'lead quick search, filter + sort + page and counts over the API: PostgreSQL 2×1M leads, embedded 2×100k';

const log = (s: string) => process.stderr.write(`${s}\n`);
// v2: the seed sets phones and email statuses (reachability counts); a database seeded before is not reused.
const DB_NAME = 'leadforge_bench_leads_v2';

const FIRST = ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'jose', 'nancy', 'daniel', 'lisa', 'matthew', 'betty', 'anthony', 'margaret', 'mark', 'sandra', 'pierre', 'marie', 'hans', 'anna', 'giulia', 'luca', 'sofia', 'mateo', 'yuki', 'wei', 'priya', 'arjun', 'fatima', 'omar', 'ingrid', 'lars', 'chloe', 'noah', 'emma', 'liam'];
const LAST = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores', 'green', 'adams', 'nelson', 'baker', 'hall', 'rivera', 'campbell', 'mitchell', 'carter', 'roberts', 'muller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann', 'dubois', 'durand', 'lefebvre', 'moreau', 'laurent', 'simon', 'michel', 'leroy', 'rossi', 'russo', 'ferrari', 'esposito', 'bianchi', 'romano', 'colombo', 'ricci', 'tanaka', 'suzuki', 'watanabe', 'ito', 'yamamoto', 'kobayashi', 'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'patel', 'shah', 'singh', 'kumar', 'gupta', 'nielsen', 'hansen', 'jensen', 'larsen', 'andersen'];
const WORDS = ['acme', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'hooli', 'pied', 'vandelay', 'gringotts', 'oscorp', 'massive', 'dynamic', 'blue', 'red', 'green', 'north', 'south', 'east', 'west', 'alpha', 'beta', 'gamma', 'delta', 'omega', 'apex', 'summit', 'vertex', 'nova', 'stellar', 'quantum', 'fusion', 'vector', 'matrix', 'nimbus', 'zenith'];
const SUFFIX = ['labs', 'systems', 'solutions', 'software', 'analytics', 'logistics', 'energy', 'health', 'media', 'capital', 'partners', 'robotics', 'foods', 'motors', 'networks', 'cloud', 'data', 'bank', 'retail', 'works'];
const TITLES = ['ceo', 'cto', 'cfo', 'vp sales', 'head of marketing', 'sales manager', 'account executive', 'software engineer', 'data scientist', 'product manager', 'operations director', 'hr manager'];
const CITIES = ['london', 'paris', 'berlin', 'new york', 'san francisco', 'tokyo', 'madrid', 'rome', 'amsterdam', 'toronto', 'sydney', 'singapore', 'austin', 'boston', 'chicago', 'munich'];

/** Rows built by the database itself (INSERT … SELECT generate_series): 1M in about a minute. */
async function seedWorkspace(db: Database['db'], workspaceId: string, rows: number, offset: number) {
  const arr = (xs: string[]) => sql`${`{${xs.join(',')}}`}::text[]`;
  const batch = 250_000;
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1);
    await db.execute(sql`
      insert into leads (workspace_id, email, email_normalized, first_name, last_name, full_name, title, company, company_normalized,
                         company_domain, city, country, employee_count, stage, tags, phone, email_status, search_text, sort_last_name, sort_company,
                         created_at, updated_at)
      select ${workspaceId}::uuid, e, e, initcap(f), initcap(l), initcap(f) || ' ' || initcap(l), t, initcap(c) || ' Inc', c, d, ci, 'US',
             (g * 37) % 50000, (array['new','contacted','mql','sql','opportunity','customer','lost'])[1 + g % 7],
             case g % 10 when 0 then '{vip}'::text[] when 1 then '{churned}'::text[] else '{}'::text[] end,
             case when g % 3 > 0 then '+1415' || lpad((g % 10000000)::text, 7, '0') end,
             (array['valid', 'valid', 'risky', 'invalid', null])[1 + (g / 2) % 5],
             f || ' ' || l || ' ' || e || ' ' || c || ' inc ' || d || ' ' || t || ' ' || ci,
             '1' || l, '1' || c, ts, ts
      from (
        select g, f, l, c, d, t, ci, f || '.' || l || '.' || g || '@' || d as e,
               timestamptz '2026-01-01' - ((g::bigint * 7919) % (730 * 86400)) * interval '1 second' as ts
        from (
          select g + ${offset}::int as g,
                 (${arr(FIRST)})[1 + (g * 7) % ${FIRST.length}] as f,
                 (${arr(LAST)})[1 + (g * 13) % ${LAST.length}] as l,
                 (${arr(WORDS)})[1 + (g / 7) % ${WORDS.length}] || ' ' || (${arr(SUFFIX)})[1 + (g / 3) % ${SUFFIX.length}] as c,
                 (${arr(WORDS)})[1 + (g / 7) % ${WORDS.length}] || (${arr(SUFFIX)})[1 + (g / 3) % ${SUFFIX.length}] || ((g / 11) % 500) || '.com' as d,
                 (${arr(TITLES)})[1 + (g * 3) % ${TITLES.length}] as t,
                 (${arr(CITIES)})[1 + (g * 5) % ${CITIES.length}] as ci
          from generate_series(${from}::int, ${to}::int) g
        ) a
      ) b`);
    log(`  ${workspaceId.slice(0, 8)}: ${to.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')}`);
  }
}

interface World {
  database: Database;
  headers: Record<string, string>;
  workspaceId: string;
}

/** Opens (or builds) the seeded database: two workspaces of `rows` leads, an API key for the first. */
async function openWorld(kind: 'postgres' | 'embedded', rows: number): Promise<World> {
  let database: Database;
  if (kind === 'postgres') {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount;
    if (!exists) await admin.query(`create database ${DB_NAME}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${DB_NAME}`;
    database = await openDatabase({ databaseUrl: url.toString() });
  } else {
    const dir = `/tmp/leadforge-bench-leads-v2-${rows}`;
    mkdirSync(dir, { recursive: true });
    database = await openDatabase({ pgliteDir: embeddedDbDir(dir) });
  }
  await runMigrations(database);
  const db = database.db;
  const ctx: Ctx = { db, inTransaction: false, config: testConfig(), log: silentLogger(), clock: systemClock, services: { mailer: new MemoryMailer() }, actor: { type: 'system' } };
  // Measured: the workspace seeded second, whose rows sit after the other's on disk (a scan that ignored scoping would pay for it).
  const seeded = await queryRows<{ workspace_id: string; n: number }>(
    db,
    sql`select l.workspace_id, count(*)::int as n from leads l join workspaces w on w.id = l.workspace_id group by l.workspace_id, w.created_at order by w.created_at desc`,
  );
  let workspaceId: string;
  if (seeded.length === 2 && seeded.every((s) => Number(s.n) === rows)) {
    workspaceId = seeded[0]!.workspace_id;
    log(`  reusing the seeded ${kind} database (${rows.toLocaleString('en-US')} leads × 2)`);
  } else {
    log(`  seeding ${kind}: 2 × ${rows.toLocaleString('en-US')} leads (trigram index built afterwards)`);
    await db.execute(sql`delete from workspaces`);
    await db.execute(sql`delete from users where email like 'bench-leads-%'`);
    const ids: string[] = [];
    for (const i of [1, 2]) {
      const [user] = await db.insert(users).values({ email: `bench-leads-${i}@example.test`, name: `Bench ${i}`, passwordHash: 'x' }).returning();
      ids.push((await createWorkspace(ctx, { name: `Bench leads ${i}`, ownerUserId: user!.id })).id);
    }
    await db.execute(sql`drop index if exists leads_search_trgm_idx`);
    const started = Date.now();
    await seedWorkspace(db, ids[0]!, rows, 0);
    await seedWorkspace(db, ids[1]!, rows, rows);
    await db.execute(sql`create index leads_search_trgm_idx on leads using gin (search_text gin_trgm_ops)`);
    log(`  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    workspaceId = ids[1]!;
  }
  await db.execute(sql`vacuum analyze leads`);
  const { key } = await createApiKey({ ...ctx, workspaceId }, { name: `bench ${Date.now()}`, role: 'admin' });
  return { database, headers: { authorization: `Bearer ${key}` }, workspaceId };
}

/** The values the seed gives row g (SQL integer division = floor for these positive numbers). */
const domainOf = (g: number) => `${WORDS[Math.floor(g / 7) % WORDS.length]}${SUFFIX[Math.floor(g / 3) % SUFFIX.length]}${Math.floor(g / 11) % 500}.com`;
/** Row g of a workspace seeded with `offset`: names and domain come from g - offset (the seed's generate_series value), the number from g. */
const emailOf = (g: number, offset: number) => {
  const s = g - offset;
  return `${FIRST[(s * 7) % FIRST.length]}.${LAST[(s * 13) % LAST.length]}.${g}@${domainOf(s)}`;
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function measure(world: World, runs: number, rows: number): Promise<string[]> {
  const app = await buildApp({ database: world.database, config: testConfig(), log: silentLogger(), clock: systemClock, services: { mailer: new MemoryMailer() }, webDir: '/nonexistent' });
  await app.ready();
  const filter = (f: object) => encodeURIComponent(JSON.stringify(f));
  const first = await app.inject({ method: 'GET', url: '/api/v1/leads?limit=50&filter=' + filter({ field: 'stage', op: 'in', value: ['mql', 'sql'] }), headers: world.headers });
  const cursor = first.json().nextCursor as string;
  const cases: [string, string, string][] = [
    ['search', 'quick search "smith" (common surname)', '/api/v1/leads?q=smith&limit=50'],
    ['search', 'quick search "wiliams" (typo)', '/api/v1/leads?q=wiliams&limit=50'],
    ['search', 'quick search "globex analytics" (two words)', '/api/v1/leads?q=globex%20analytics&limit=50'],
    ['search', 'quick search "zq" (2 characters: prefix)', '/api/v1/leads?q=zq&limit=50'],
    ['search', 'quick search "wa" (2 characters: prefix)', '/api/v1/leads?q=wa&limit=50'],
    // The measured workspace was seeded second: its rows are g = rows + 1 … 2 × rows.
    ['search', 'quick search of one email', `/api/v1/leads?q=${encodeURIComponent(emailOf(2 * rows - 5, rows))}&limit=50`],
    ['page', 'stage in (mql, sql), newest first', '/api/v1/leads?limit=50&filter=' + filter({ field: 'stage', op: 'in', value: ['mql', 'sql'] })],
    ['page', 'same, page 2 (cursor)', `/api/v1/leads?limit=50&cursor=${cursor}&filter=` + filter({ field: 'stage', op: 'in', value: ['mql', 'sql'] })],
    ['page', 'tag vip, by last name', '/api/v1/leads?limit=50&sort=last_name&filter=' + filter({ field: 'tags', op: 'eq', value: 'vip' })],
    ['page', 'city eq + created in 2025, by company', '/api/v1/leads?limit=50&sort=company&filter=' + filter({ and: [{ field: 'city', op: 'eq', value: 'paris' }, { field: 'created_at', op: 'between', value: ['2025-01-01', '2025-12-31'] }] })],
    ['page', 'company_domain eq (one company)', '/api/v1/leads?limit=50&filter=' + filter({ field: 'company_domain', op: 'eq', value: domainOf(12_345) })],
    ['page', 'search "acme" + stage customer', '/api/v1/leads?limit=50&q=acme&stage=customer'],
    ['page', 'has phone + email valid, newest first', '/api/v1/leads?limit=50&filter=' + filter({ and: [{ field: 'has_phone', op: 'eq', value: true }, { field: 'email_status', op: 'eq', value: 'valid' }] })],
    ['count', 'count: stage = mql', '/api/v1/leads/count?filter=' + filter({ field: 'stage', op: 'eq', value: 'mql' })],
    ['count', 'count: tag vip', '/api/v1/leads/count?filter=' + filter({ field: 'tags', op: 'eq', value: 'vip' })],
    ['count', 'count: created in the last 90 days of 2025', '/api/v1/leads/count?filter=' + filter({ field: 'created_at', op: 'between', value: ['2025-10-01', '2025-12-31'] })],
    ['count', 'count: all leads', '/api/v1/leads/count'],
    // eq / in on a segmentation field: its count index (leads.tables.ts), index-only once VACUUM has set the visibility map.
    ['count', 'count: city = paris (count index)', '/api/v1/leads/count?filter=' + filter({ field: 'city', op: 'eq', value: 'paris' })],
    ['count', 'count: title in (ceo, vp sales) (count index)', '/api/v1/leads/count?filter=' + filter({ field: 'title', op: 'in', value: ['CEO', 'vp sales'] })],
    // A substring of a segmentation field: every entry of its count index is read (lower-cased values, no row visited).
    ['count', 'count: city contains "ari" (count index, every entry)', '/api/v1/leads/count?filter=' + filter({ field: 'city', op: 'contains', value: 'ari' })],
    ['count', 'count: company contains "lab" (count index, every entry)', '/api/v1/leads/count?filter=' + filter({ field: 'company', op: 'contains', value: 'lab' })],
    // Email, full name, company domain: the leads the trigram index of search_text names, rechecked (search-text-prefilter.ts).
    ['count', 'count: email contains "smith" (trigram prefilter, 1 % match)', '/api/v1/leads/count?filter=' + filter({ field: 'email', op: 'contains', value: 'smith' })],
    ['count', 'count: company_domain contains "betarobotics" (trigram prefilter, 0.1 %)', '/api/v1/leads/count?filter=' + filter({ field: 'company_domain', op: 'contains', value: 'betarobotics' })],
    ['count', 'count: email contains "lab" (trigram prefilter, 5 % match)', '/api/v1/leads/count?filter=' + filter({ field: 'email', op: 'contains', value: 'lab' })],
    ['count', 'count: last_name contains "son" (trigram prefilter, 7 % match)', '/api/v1/leads/count?filter=' + filter({ field: 'last_name', op: 'contains', value: 'son' })],
    // No index serves a negation, nor a substring of website, notes or custom fields: every lead of the workspace is read.
    ['count', 'count: email does not contain "smith" (no index: table scan)', '/api/v1/leads/count?filter=' + filter({ not: { field: 'email', op: 'contains', value: 'smith' } })],
    ['count', 'count: search "smith" (capped at 1,000)', '/api/v1/leads/count?q=smith'],
    // Reachability (email status, has / hasn't an email or a phone): partial count indexes of tiny keys.
    ['count', 'count: email_status = valid', '/api/v1/leads/count?filter=' + filter({ field: 'email_status', op: 'eq', value: 'valid' })],
    ['count', 'count: has email (every lead here)', '/api/v1/leads/count?has_email=true'],
    ['count', 'count: has email and email_status = valid', '/api/v1/leads/count?has_email=true&filter=' + filter({ field: 'email_status', op: 'eq', value: 'valid' })],
    ['count', 'count: has phone', '/api/v1/leads/count?filter=' + filter({ field: 'has_phone', op: 'eq', value: true })],
    ['count', 'count: no phone', '/api/v1/leads/count?filter=' + filter({ field: 'has_phone', op: 'eq', value: false })],
  ];
  const out: string[] = [];
  for (const [, label, url] of cases) {
    const times: number[] = [];
    let status = 0;
    let size = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: world.headers });
      const ms = performance.now() - t0;
      status = r.statusCode;
      if (status !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      const body = r.json();
      size = Array.isArray(body.items) ? body.items.length : body.count;
      if (i >= 3) times.push(ms); // the first runs warm caches and plans
    }
    out.push(`| ${label} | ${size.toLocaleString('en-US')} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`);
    log(`  ${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
  }
  await app.close();
  return out;
}

export async function run(args: string[]) {
  const opt = (name: string, d: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d;
  const rows = Number(opt('rows', '1000000'));
  const embeddedRows = Number(opt('embedded-rows', '100000'));
  const runs = Number(opt('runs', '40'));
  const only = opt('only', 'postgres,embedded').split(',');
  const lines = [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other work (load ${loadavg()[0]!.toFixed(1)} at start). ${runs} runs per query after 3 warm-up runs; answers of 50 leads through fastify inject.`,
  ];
  for (const kind of only as ('postgres' | 'embedded')[]) {
    const n = kind === 'postgres' ? rows : embeddedRows;
    log(`${kind}: ${n.toLocaleString('en-US')} leads per workspace`);
    const world = await openWorld(kind, n);
    try {
      lines.push('', `**${kind === 'postgres' ? 'PostgreSQL 15' : 'Embedded (PGlite)'}, ${n.toLocaleString('en-US')} leads in each of 2 workspaces**`, '', '| query | rows / count | p50 ms | p95 ms |', '| --- | --- | --- | --- |');
      lines.push(...(await measure(world, runs, n)));
    } finally {
      await world.database.close();
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
