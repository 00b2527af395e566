import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/adapters/db/client.js';
import { runMigrations } from '../../src/adapters/db/migrate.js';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL it is a new database on
 * that PostgreSQL server (dropped afterwards); otherwise an in-memory embedded PGlite, reached
 * through the same worker-thread proxy as in production.
 */
export interface TestDatabase {
  database: Database;
  kind: 'postgres' | 'pglite';
  /** Connection URL of the created database (Postgres only), for child processes. */
  url?: string;
  cleanup(): Promise<void>;
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    await runMigrations(database);
    return { database, kind: 'pglite', cleanup: () => database.close() };
  }
  const name = `lf_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
  await runMigrations(database);
  return {
    database,
    kind: 'postgres',
    url: url.toString(),
    async cleanup() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
