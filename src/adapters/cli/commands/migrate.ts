import type { Command } from 'commander';
import { runWithRuntime } from '../run-command.js';
import { runMigrations } from '../../db/migrate.js';

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations (serve and worker also do it at start-up)')
    .action(async () => {
      await runWithRuntime(
        async (rt) => {
          await runMigrations(rt.database);
          process.stderr.write(`migrations applied (${rt.database.kind})\n`);
        },
        { migrate: false },
      );
    });
}
