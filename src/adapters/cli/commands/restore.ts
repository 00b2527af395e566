import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../core/config.js';
import { validationError } from '../../../core/errors.js';
import { embeddedDbDir } from '../../db/embedded-layout.js';
import { restoreEmbeddedDatabase } from '../../db/embedded-restore.js';
import { exitCodeFor, reportError } from '../run-command.js';

export function registerRestore(program: Command) {
  program
    .command('restore')
    .description('replace the embedded database in LEADFORGE_DATA_DIR with a backup (the server must be stopped)')
    .argument('<file>', 'a backup written by `leadforge backup`')
    .option('--force', 'replace an existing database (it is kept aside as a timestamped copy)', false)
    .action(async (file: string, opts: { force: boolean }) => {
      try {
        const config = loadConfig(process.env, { ensureSecret: false });
        if (config.databaseUrl) {
          throw validationError('restore loads an embedded backup; with DATABASE_URL use pg_restore, e.g. `pg_restore -d "$DATABASE_URL" leadforge.dump`');
        }
        const path = resolve(file);
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(path);
        } catch (e) {
          throw validationError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        }
        const dbDir = embeddedDbDir(config.dataDir);
        const result = await restoreEmbeddedDatabase(dbDir, bytes, { name: path, force: opts.force });
        process.stdout.write(JSON.stringify({ restored: path, dataDir: config.dataDir, previous: result.previous ?? null }) + '\n');
        process.stderr.write('restored; the next start applies any newer migrations.\n');
        const secretFile = join(config.dataDir, 'secret.key');
        if (!process.env.LEADFORGE_SECRET && !existsSync(secretFile)) {
          // Starting now would generate a new key, and everything encrypted in the backup would be unreadable.
          process.stderr.write(`note: copy the secret.key that belongs to this backup to ${secretFile} (or set LEADFORGE_SECRET) before starting Leadforge.\n`);
        }
      } catch (e) {
        reportError(e);
        process.exitCode = exitCodeFor(e);
      }
    });
}
