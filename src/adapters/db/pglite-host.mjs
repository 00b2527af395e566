// Worker thread that owns the embedded PGlite database. PGlite executes queries on the thread
// that owns it, so it lives here and the HTTP event loop stays responsive while a slow query
// runs. Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const identity = (v) => v;
// Same raw-value parsers as drizzle's PGlite driver: date/time values stay strings so that
// drizzle maps them exactly as it does on node-postgres.
const parsers = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity,
  1115: identity,
  1185: identity,
  1187: identity,
  1182: identity,
};

/** One connection: transactions hold it exclusively; other statements wait their turn. */
class ConnectionLock {
  holder = null;
  waiters = [];
  async acquire(owner) {
    while (this.holder !== null) await new Promise((r) => this.waiters.push(r));
    this.holder = owner;
  }
  release(owner) {
    if (this.holder !== owner) return;
    this.holder = null;
    const next = this.waiters.shift();
    if (next) next();
  }
}

const lock = new ConnectionLock();
let db;

function serializeError(e) {
  const out = { message: e?.message ?? String(e), name: e?.name ?? 'Error' };
  for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position']) {
    if (e && e[k] !== undefined) out[k] = e[k];
  }
  return out;
}

async function run(msg) {
  switch (msg.op) {
    case 'query': {
      const r = await db.query(msg.sql, msg.params ?? [], { rowMode: msg.rowMode ?? 'object', parsers, blob: msg.blob });
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows ?? 0 };
    }
    case 'exec': {
      const rs = await db.exec(msg.sql);
      return rs.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows ?? 0 }));
    }
    case 'dump': {
      // Flush shared buffers to the data files first, so the copy needs no WAL replay when
      // restored. The connection lock is held: nothing writes between the checkpoint and the copy.
      await db.query('CHECKPOINT');
      const file = await db.dumpDataDir(msg.compression ?? 'gzip');
      return new Uint8Array(await file.arrayBuffer());
    }
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

async function handle(msg) {
  const { id, op, txId } = msg;
  try {
    let result;
    if (op === 'begin') {
      await lock.acquire(txId);
      try {
        await db.query('BEGIN');
      } catch (e) {
        lock.release(txId);
        throw e;
      }
    } else if (op === 'commit' || op === 'rollback') {
      try {
        await db.query(op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      } finally {
        lock.release(txId);
      }
    } else if (op === 'close') {
      await lock.acquire('close');
      await db.close();
      result = true;
    } else if (txId !== undefined && txId !== null) {
      result = await run(msg);
    } else {
      const owner = Symbol('stmt');
      await lock.acquire(owner);
      try {
        result = await run(msg);
      } finally {
        lock.release(owner);
      }
    }
    // A dump can be hundreds of megabytes: hand the buffer over instead of copying it.
    parentPort.postMessage({ id, result }, result instanceof Uint8Array ? [result.buffer] : []);
  } catch (e) {
    parentPort.postMessage({ id, error: serializeError(e) });
  }
}

const options = { extensions: { pg_trgm } };

/**
 * PGlite treats a directory holding PG_VERSION as an initialised database, but it builds a new
 * one by copying ~1000 files in, PG_VERSION among the last but not last: a process killed at
 * that moment leaves a directory that never opens again (embedded-crash.test.ts caught it). So a
 * new database is built beside the final path and renamed into place once complete; a rename is
 * atomic.
 */
async function openDataDir(dataDir) {
  if (!dataDir) return PGlite.create(options);
  if (workerData.loadDataDir) {
    // Restore: the caller gives a fresh staging directory and does the renaming itself.
    return PGlite.create(dataDir, { ...options, loadDataDir: new Blob([workerData.loadDataDir]) });
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialiseAtomically(dataDir);
  return PGlite.create(dataDir, options);
}

async function initialiseAtomically(dataDir) {
  const staging = `${dataDir}.initialising`;
  rmSync(staging, { recursive: true, force: true });
  const fresh = await PGlite.create(staging, options);
  await fresh.close();
  if (existsSync(dataDir)) {
    // Not ours to delete: an empty directory goes, anything else is kept aside for a human.
    if (readdirSync(dataDir).length === 0) rmSync(dataDir, { recursive: true });
    else renameSync(dataDir, `${dataDir}.incomplete-${Date.now()}`);
  }
  renameSync(staging, dataDir);
}

try {
  db = await openDataDir(workerData.dataDir);
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: serializeError(e) });
}
parentPort.on('message', (msg) => void handle(msg));
