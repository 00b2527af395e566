import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/adapters/db/client.js';
import { queryRows } from '../../../src/core/db.js';

/**
 * A fingerprint of every table's full contents (row count and a hash over all rows), so two
 * databases can be compared for identical data whatever the schema of the day holds.
 */
export async function snapshotTables(database: Database): Promise<Record<string, { rows: number; hash: string }>> {
  const tables = await queryRows<{ schema: string; name: string }>(
    database.db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
  );
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const t of tables) {
    const ident = sql.raw(`"${t.schema}"."${t.name}"`);
    const [row] = await queryRows<{ rows: number; hash: string | null }>(
      database.db,
      sql`select count(*)::int as rows, md5(string_agg(x::text, '|' order by x::text)) as hash from ${ident} x`,
    );
    out[`${t.schema}.${t.name}`] = { rows: row!.rows, hash: row!.hash ?? '' };
  }
  return out;
}
