import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/client.js';
import { runMigrations } from '../../src/adapters/db/migrate.js';
import { buildApp } from '../../src/adapters/http/app.js';
import type { App } from '../../src/adapters/http/types.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import type { Db } from '../../src/core/db.js';
import { silentLogger } from '../../src/core/logger.js';
import { usingPostgres } from '../helpers/db.js';

/**
 * PGlite executes a query on the thread that owns it. The embedded database therefore lives in
 * a worker thread, and the HTTP server must keep answering while a slow query runs there.
 * The second test shows the same measurement catching the stall when PGlite shares the thread.
 */
const SLOW_QUERY_S = 2;
const HEALTH_BOUND_MS = 150;

async function listen(database: Database): Promise<{ app: App; url: string }> {
  const app = await buildApp({
    database,
    config: testConfig(),
    log: silentLogger(),
    clock: systemClock,
    services: { mailer: new MemoryMailer() },
    webDir: '/nonexistent',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** Latency of one real HTTP request to /health, over a fresh connection. */
async function healthLatencyMs(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/health`, { headers: { connection: 'close' } });
  expect(res.status).toBe(200);
  await res.json();
  return performance.now() - started;
}

describe.skipIf(usingPostgres())('embedded database off the event loop', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health quickly while a slow query runs in the database thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-offthread-'));
    dirs.push(dir);
    const database = await openDatabase({ pgliteDir: join(dir, 'db') });
    const { app, url } = await listen(database);
    try {
      await runMigrations(database);
      await healthLatencyMs(url); // warm up the route and the HTTP client

      let slowQueryRunning = true;
      const slowStarted = performance.now();
      const slowQuery = database.db.execute(sql.raw(`select pg_sleep(${SLOW_QUERY_S})`)).finally(() => {
        slowQueryRunning = false;
      });
      // Let the worker get into the sleep before measuring.
      await new Promise((r) => setTimeout(r, 200));

      const latencies: number[] = [];
      for (let i = 0; i < 8; i++) latencies.push(await healthLatencyMs(url));
      const stillRunningAfterProbes = slowQueryRunning;

      await slowQuery;
      const slowQueryMs = performance.now() - slowStarted;
      expect(stillRunningAfterProbes, 'the slow query had already finished: the probes proved nothing').toBe(true);
      expect(slowQueryMs).toBeGreaterThanOrEqual(SLOW_QUERY_S * 1000 - 100);
      expect(Math.max(...latencies), `latencies ${latencies.map((l) => l.toFixed(1)).join(', ')} ms`).toBeLessThan(HEALTH_BOUND_MS);
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);

  it('would stall /health if PGlite ran on the HTTP thread (the measurement can fail)', async () => {
    const inThread = await PGlite.create();
    const database: Database = {
      db: drizzle(inThread) as unknown as Db,
      kind: 'pglite',
      ping: async () => void (await inThread.query('select 1')),
      close: () => inThread.close(),
    };
    const { app, url } = await listen(database);
    try {
      await healthLatencyMs(url);
      const probe = healthLatencyMs(url);
      const slowQuery = inThread.query('select pg_sleep(1)');
      const [stalledMs] = await Promise.all([probe, slowQuery]);
      expect(stalledMs).toBeGreaterThan(800);
    } finally {
      await app.close();
      await database.close();
    }
  }, 60_000);
});
