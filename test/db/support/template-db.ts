import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../src/adapters/db/client.js';
import { runMigrations } from '../../../src/adapters/db/migrate.js';

/**
 * Initialising a new embedded database (initdb) takes seconds; copying a closed, migrated one
 * takes milliseconds. Tests that need "a database in a directory" but do not test its creation
 * get a copy of one made once per test file.
 */
export async function copyOfMigratedDb(root: string, name: string): Promise<string> {
  const template = join(root, 'template-db');
  if (!existsSync(template)) {
    const database = await openDatabase({ pgliteDir: template });
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
  }
  const dbDir = join(root, name, 'db');
  cpSync(template, dbDir, { recursive: true });
  return dbDir;
}
