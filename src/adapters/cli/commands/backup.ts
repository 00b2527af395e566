import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../core/config.js';
import { validationError } from '../../../core/errors.js';
import { backupEmbeddedDatabase } from '../../db/embedded-backup.js';
import { embeddedDbDir } from '../../db/embedded-layout.js';
import { exitCodeFor, reportError } from '../run-command.js';

export function registerBackup(program: Command) {
  program
    .command('backup')
    .description('write a consistent copy of the embedded database (a .tar.gz restorable with `leadforge restore`); works while the server runs')
    .option('-o, --out <file>', 'where to write the backup; - for stdout', `leadforge-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`)
    .action(async (opts: { out: string }) => {
      try {
        // No secret is needed to copy files: never generate one into the data directory here.
        const config = loadConfig(process.env, { ensureSecret: false });
        if (config.databaseUrl) {
          throw validationError('backup copies the embedded database; with DATABASE_URL use pg_dump, e.g. `pg_dump -Fc "$DATABASE_URL" > leadforge.dump`');
        }
        const result = await backupEmbeddedDatabase(embeddedDbDir(config.dataDir));
        const summary = { file: opts.out === '-' ? '-' : resolve(opts.out), bytes: result.bytes.byteLength, takenBy: result.takenBy };
        if (opts.out === '-') {
          await writeToStdout(result.bytes);
          process.stderr.write(JSON.stringify(summary) + '\n');
        } else {
          // Write then rename: a crash never leaves a truncated file under the final name.
          // Owner-only: the backup holds every account and lead.
          writeFileSync(`${summary.file}.partial`, result.bytes, { mode: 0o600 });
          renameSync(`${summary.file}.partial`, summary.file);
          process.stdout.write(JSON.stringify(summary) + '\n');
        }
        const secretFile = join(config.dataDir, 'secret.key');
        if (!process.env.LEADFORGE_SECRET && existsSync(secretFile)) {
          process.stderr.write(`note: the backup does not contain ${secretFile}; keep a copy of it apart from the backups (stored provider keys cannot be decrypted without it).\n`);
        }
      } catch (e) {
        reportError(e);
        process.exitCode = exitCodeFor(e);
      }
    });
}

/** Resolves once the bytes are handed to the pipe; a reader that went away is an error, not a crash. */
function writeToStdout(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (e: NodeJS.ErrnoException) => reject(new Error(`could not write the backup to stdout (${e.code ?? e.message})`));
    // Stays attached: the stream reports EPIPE after the write callback, and an 'error' event
    // without a listener would crash the process with a stack trace.
    process.stdout.on('error', fail);
    process.stdout.write(bytes, (e) => (e ? fail(e) : resolve()));
  });
}
