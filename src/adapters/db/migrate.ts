import { fileURLToPath } from 'node:url';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Advisory lock id so that several processes starting at once migrate one at a time. */
const MIGRATION_LOCK_ID = 72_021_001;

/**
 * Table storage settings drizzle-kit cannot emit. job_items rows are written once by the seed and
 * updated once when their chunk commits: with the default fillfactor (100) the seeded pages are
 * full, so every commit's new row versions move to other pages and add an entry to each index
 * (non-HOT). Pages filled to 45 % keep room for a new version of each row (status and time set:
 * ~16 bytes more than the seeded row), so the update stays on its page without index entries
 * (HOT): measured 7.4 -> 4.5 ms of PostgreSQL CPU per chunk of 500, indexes half the size, at
 * the price of a heap twice as large. Only statuses, results and times change on update: no index
 * may cover those columns. Items with large results still move (they cannot fit beside).
 */
const STORAGE_SETTINGS = [{ table: 'job_items', options: ['fillfactor=45'] }];

/** Sets the storage options that differ (new pages follow them; no rewrite, no long lock). */
async function applyStorageSettings(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<void> {
  for (const { table, options } of STORAGE_SETTINGS) {
    const { rows } = await query(`select array_to_string(reloptions, ',') as o from pg_class where oid = 'public.${table}'::regclass`);
    const current = ((rows[0] as { o: string | null } | undefined)?.o ?? '').split(',');
    if (options.every((o) => current.includes(o))) continue;
    await query(`alter table ${table} set (${options.join(', ')})`);
  }
}

/** Applies every pending migration. Safe to call from many processes at once. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    // The trigram index of leads.search_text needs pg_trgm; drizzle-kit cannot emit CREATE EXTENSION.
    await database.pglite!.exec('create extension if not exists pg_trgm');
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
    await applyStorageSettings((text) => database.pglite!.query(text));
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await client.query('create extension if not exists pg_trgm');
      await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_DIR });
      await applyStorageSettings((text) => client.query(text));
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    client.release();
  }
}
