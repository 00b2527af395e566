import type { Command } from 'commander';
import { validationError } from '../../../core/errors.js';
import { parseInput } from '../../../core/validate.js';
import { createUser, createUserInput, type CreateUserInput } from '../../../domains/auth/index.js';
import { exitCodeFor, reportError, runWithRuntime } from '../run-command.js';

interface CreateOptions {
  email: string;
  name: string;
  workspace?: string;
  password?: string;
}

/** `leadforge user create`: accounts from the command line (first admin, scripted set-ups). */
export function registerUserCommands(program: Command) {
  const user = program.command('user').description('manage user accounts');
  user
    .command('create')
    .description('create an account and its own workspace (the user is its owner); prints {"userId","workspaceId"}')
    .requiredOption('--email <email>', 'email address (the log-in)')
    .requiredOption('--name <name>', 'display name')
    .option('--workspace <name>', `name of the workspace to create (default: "<name>'s workspace")`)
    .option('--password <password>', 'password; visible to other local users in the process list, so prefer LEADFORGE_USER_PASSWORD or stdin')
    // Bad options are bad input: exit code 2, like a validation error, not commander's 1.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: CreateOptions) => {
      // Bad input is reported before the database is opened (and, embedded, migrated).
      let input: CreateUserInput;
      try {
        const password = await resolvePassword(opts.password);
        input = parseInput(createUserInput, { email: opts.email, name: opts.name, password, workspaceName: opts.workspace });
      } catch (e) {
        reportError(e);
        process.exitCode = exitCodeFor(e);
        return;
      }
      await runWithRuntime(async (rt) => {
        const created = await createUser(rt.systemCtx(), input, 'cli');
        process.stdout.write(JSON.stringify({ userId: created.user.id, workspaceId: created.workspace.id }) + '\n');
      });
    });
}

/** --password, else LEADFORGE_USER_PASSWORD, else stdin when it is piped (`echo "$PW" | leadforge user create …`). */
async function resolvePassword(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  if (process.env.LEADFORGE_USER_PASSWORD) return process.env.LEADFORGE_USER_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    // Only the line break that `echo` adds is dropped; other spaces are part of the password.
    const fromStdin = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
    if (fromStdin) return fromStdin;
  }
  throw validationError('No password given: use --password, the LEADFORGE_USER_PASSWORD variable, or pipe it on stdin');
}
