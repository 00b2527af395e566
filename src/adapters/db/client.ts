import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../../core/db.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { embeddedPaths } from './embedded-layout.js';
import { finishInterruptedRestore } from './embedded-restore.js';
import { DataDirInUseError, EmbeddedDatabaseOpenError } from './errors.js';
import { PgliteProxy } from './pglite-proxy.js';

export { DataDirInUseError };

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Round trip to the database; throws when it cannot answer. */
  ping(): Promise<void>;
  /** Gzipped tarball of the embedded data directory (embedded mode only). */
  dumpEmbedded?(): Promise<Uint8Array>;
  /** The node-postgres pool (Postgres mode), for COPY streams and listeners. */
  pool?: pg.Pool;
  /** The embedded database proxy (PGlite mode). */
  pglite?: PgliteProxy;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /**
   * Embedded mode: the database directory (`<LEADFORGE_DATA_DIR>/db`, see embeddedDbDir);
   * undefined keeps the database in memory (tests only). Opening it takes its lock.
   */
  pgliteDir?: string;
  poolMax?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10);
  return openPglite(options.pgliteDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'leadforge' });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  if (!dir) return wrapProxy(new PgliteProxy(undefined), async () => undefined);
  const paths = embeddedPaths(dir);
  // The proxy is created only once the lock is ours; a backup request can arrive meanwhile.
  let proxy: PgliteProxy | undefined;
  const lock = await acquireDataDirLock(dir, {
    backup: async () => {
      if (!proxy) throw new Error('the database is still starting');
      await proxy.ready;
      return proxy.dumpDataDir();
    },
  });
  try {
    finishInterruptedRestore(paths);
    proxy = new PgliteProxy(paths.pgdata);
  } catch (e) {
    await lock.release();
    throw e;
  }
  try {
    return await wrapProxy(proxy, () => lock.release());
  } catch (e) {
    throw new EmbeddedDatabaseOpenError(paths.pgdata, e);
  }
}

async function wrapProxy(proxy: PgliteProxy, releaseLock: () => Promise<void>): Promise<Database> {
  try {
    await proxy.ready;
  } catch (e) {
    await proxy.close().catch(() => undefined);
    await releaseLock();
    throw e;
  }
  const db = drizzlePglite(proxy as unknown as PGlite) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: proxy,
    async ping() {
      await db.execute(sql`select 1`);
    },
    dumpEmbedded: () => proxy.dumpDataDir(),
    async close() {
      await proxy.close();
      await releaseLock();
    },
  };
}
