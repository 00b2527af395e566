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
 * Text per piece: PostgreSQL parses (and indexes) one piece while the next is built, instead of
 * waiting for the whole block's text. On the embedded database each piece is its own COPY.
 */
const PIECE_CHARS = 256 * 1024;

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
        loading = client.query(statement(`'/dev/blob'`), [], { blob: new Blob([text]) });
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
  await pipeline(Readable.from(pieces(rows), { objectMode: false, highWaterMark: PIECE_CHARS }), stream);
}

function* pieces(rows: readonly (readonly unknown[])[]): Generator<string> {
  let lines: string[] = [];
  let chars = 0;
  for (const row of rows) {
    const line = copyLine(row);
    lines.push(line);
    chars += line.length + 1;
    if (chars >= PIECE_CHARS) {
      yield `${lines.join('\n')}\n`;
      lines = [];
      chars = 0;
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}
