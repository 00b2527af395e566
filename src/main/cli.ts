import { Command } from 'commander';
import { registerBackup } from '../adapters/cli/commands/backup.js';
import { registerMigrate } from '../adapters/cli/commands/migrate.js';
import { registerRestore } from '../adapters/cli/commands/restore.js';
import { registerServe } from '../adapters/cli/commands/serve.js';
import { registerUserCommands } from '../adapters/cli/commands/user.js';
import { registerWorker } from '../adapters/cli/commands/worker.js';
import { registerImport } from '../adapters/cli/commands/import.js';
import { registerExport } from '../adapters/cli/commands/export.js';
import { registerMapColumns } from '../adapters/cli/commands/map-columns.js';
import { registerVerify } from '../adapters/cli/commands/verify.js';
import { registerFind } from '../adapters/cli/commands/find.js';
import { limitHeapGrowth } from './heap-growth.js';

limitHeapGrowth();

/**
 * `leadforge <command>`: one binary for the server, workers and the command-line verbs.
 * Machine-readable output goes to stdout; progress and logs to stderr.
 */
const program = new Command('leadforge')
  .description('Leadforge: self-hosted B2B prospecting')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

for (const register of [registerServe, registerMigrate, registerBackup, registerRestore, registerUserCommands]) register(program);
registerWorker(program);
registerMapColumns(program);
registerImport(program);
registerExport(program);
registerVerify(program);
registerFind(program);

await program.parseAsync(process.argv);
