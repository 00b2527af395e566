import { writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runWithRuntime } from '../run-command.js';

export function registerBackup(program: Command) {
  program
    .command('backup')
    .description('write a consistent copy of the embedded database (a .tar.gz restorable with `leadforge restore`)')
    .option('-o, --out <file>', 'where to write the backup', `leadforge-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`)
    .action(async (opts: { out: string }) => {
      await runWithRuntime(async (rt) => {
        if (!rt.database.dumpEmbedded) {
          throw new Error('backup copies the embedded database; with DATABASE_URL use pg_dump, e.g. `pg_dump "$DATABASE_URL" > leadforge.sql`');
        }
        const bytes = await rt.database.dumpEmbedded();
        const out = resolve(opts.out);
        // Write then rename, so a crash never leaves a truncated file under the final name.
        writeFileSync(`${out}.partial`, bytes);
        renameSync(`${out}.partial`, out);
        process.stdout.write(JSON.stringify({ file: out, bytes: bytes.byteLength }) + '\n');
      });
    });
}
