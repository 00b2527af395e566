import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../../core/db.js';
import { PgliteProxy } from './pglite-proxy.js';

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
  /** Embedded mode: directory for the data; undefined keeps it in memory (tests only). */
  pgliteDir?: string;
  poolMax?: number;
}

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`The data directory ${dir} is in use by another Leadforge process (pid ${pid}). Stop it first, or point LEADFORGE_DATA_DIR elsewhere.`);
    this.name = 'DataDirInUseError';
  }
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
  let releaseLock = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    releaseLock = takeDirLock(dir);
  }
  const proxy = new PgliteProxy(dir ? join(dir, 'pglite') : undefined);
  try {
    await proxy.ready;
  } catch (e) {
    releaseLock();
    await proxy.close().catch(() => undefined);
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
      releaseLock();
    },
  };
}

/**
 * PGlite is a single-process database: two processes opening one directory would corrupt it.
 * A pid file guards it; a lock left by a killed process is taken over.
 */
function takeDirLock(dir: string): () => void {
  const file = join(dir, 'leadforge.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dir, pid);
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
