import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../core/db.js';
import { copyText } from './copy-text.js';
import { PgliteProxy, PgliteProxyTx } from './pglite-proxy.js';

const IDENT = /^[a-z_][a-z0-9_]*$/;
const quoted = (name: string) => `"${name}"`;

/** Text handed to one COPY at most; a bigger batch is sent as several COPY statements. */
const MAX_COPY_CHARS = 32 * 1024 * 1024;

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
  for (const text of batches(rows)) {
    if (client instanceof PgliteProxy || client instanceof PgliteProxyTx) {
      await client.query(statement(`'/dev/blob'`), [], { blob: new Blob([text]) });
    } else if (client instanceof pg.Pool || !client || typeof (client as { query?: unknown }).query !== 'function') {
      throw new Error('copyRows needs a transaction (one connection) on PostgreSQL');
    } else {
      const stream = (client as pg.PoolClient).query(copyFrom(statement('STDIN')));
      await pipeline(Readable.from([text]), stream);
    }
  }
}

function* batches(rows: readonly (readonly unknown[])[]): Generator<string> {
  let start = 0;
  while (start < rows.length) {
    // Rows are small (a few kB); a block of 1,000 fits in one batch unless cells are huge.
    let end = start;
    let text = '';
    while (end < rows.length) {
      const line = copyText([rows[end]!]);
      if (text && text.length + line.length > MAX_COPY_CHARS) break;
      text += line;
      end++;
    }
    yield text;
    start = end;
  }
}
