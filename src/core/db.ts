import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The database handle domains receive through the context. It is drizzle's Postgres query
 * builder, the same on node-postgres and on the embedded PGlite, and a transaction is one too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A timestamp parameter that reads the same on node-postgres and PGlite. */
export const tsParam = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
