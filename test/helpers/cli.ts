import { spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `./bin/leadforge ARGS` as a user would, with exactly the given environment. */
export function runLeadforge(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('./bin/leadforge', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The base environment of a CLI run: a data dir and a secret, nothing inherited but PATH and HOME. */
export const cliEnv = (dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LEADFORGE_DATA_DIR: dataDir,
  LEADFORGE_SECRET: 'cli-test-secret-that-is-long-enough-0123456789',
  ...extra,
});
