import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../core/db.js';
import { copyLine } from './copy-text.js';
import { PgliteProxy, PgliteProxyTx } from './pglite-proxy.js';

const IDENT = /^[a-z_][a-z0-9_]*$/;
const quoted = (name: string) => `"${name}"`;

/**
 * Bytes per piece: PostgreSQL parses (and indexes) one piece while the next is built, instead of
 * waiting for the whole block's text. On the embedded database each piece is its own COPY.
 */
const PIECE_BYTES = 256 * 1024;

/**
 * COPY … FROM STDIN (pg-copy-streams) on PostgreSQL, COPY … FROM '/dev/blob' on the embedded
 * database, on the connection under a drizzle handle. On PostgreSQL the handle must be a
 * transaction (a pool has no single connection to stream on).
 */
export async function copyRows(db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  if (!IDENT.test(table) || !columns.every((c) => IDENT.test(c))) throw new Error(`copyRows: bad identifier in ${table}(${columns.join(',')})`);
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  const statement = (source: string) => `COPY ${table} (${columns.map(quoted).join(', ')}) FROM ${source}`;
  if (client instanceof PgliteProxy || client instanceof PgliteProxyTx) {
    // The database runs in its own thread: the next piece is built while it loads this one.
    let loading: Promise<unknown> | null = null;
    try {
      for (const text of pieces(rows)) {
        await loading;
        loading = client.query(statement(`'/dev/blob'`), [], { blob: new Blob([text as Uint8Array<ArrayBuffer>]) });
      }
    } finally {
      // A failed piece must not be left running (or unhandled) behind the error of the next.
      await loading?.catch(() => undefined);
    }
    await loading;
    return;
  }
  if (client instanceof pg.Pool || !client || typeof (client as { query?: unknown }).query !== 'function') {
    throw new Error('copyRows needs a transaction (one connection) on PostgreSQL');
  }
  const stream = (client as pg.PoolClient).query(copyFrom(statement('STDIN')));
  await pipeline(Readable.from(pieces(rows), { objectMode: false, highWaterMark: PIECE_BYTES }), stream);
}

/**
 * The rows' COPY lines, encoded straight into buffers of about PIECE_BYTES: no joined string per
 * piece (a 256 kB string in V8's large-object space each time, which brought the old generation's
 * collections forward) and no second copy to encode it.
 */
function* pieces(rows: readonly (readonly unknown[])[]): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(PIECE_BYTES * 2);
  let used = 0;
  for (const row of rows) {
    const line = copyLine(row);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the newline one more.
    const room = line.length * 3 + 1;
    if (used + room > buf.length) {
      if (used > 0) yield buf.subarray(0, used);
      buf = Buffer.allocUnsafe(Math.max(PIECE_BYTES * 2, room));
      used = 0;
    }
    used += buf.write(line, used, 'utf8');
    buf[used++] = 0x0a;
    if (used >= PIECE_BYTES) {
      yield buf.subarray(0, used);
      buf = Buffer.allocUnsafe(PIECE_BYTES * 2);
      used = 0;
    }
  }
  if (used > 0) yield buf.subarray(0, used);
}
