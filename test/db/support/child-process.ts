import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningChild {
  child: ChildProcess;
  /** Every stdout line so far (complete once `exited` resolves). */
  lines: string[];
  stderr(): string;
  /** Resolves with the first stdout line for which `match` is true; rejects if the child exits first. */
  waitForLine(match: (line: string, index: number) => boolean, timeoutMs?: number): Promise<string>;
  /** The same for stderr, where the server writes its logs. */
  waitForStderrLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then wait until the process and its pipes are gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), then wait for the exit. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node --import tsx <script> ...args` from the repository root. */
export function startTsx(script: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watch(child);
}

export function watch(child: ChildProcess): RunningChild {
  const lines: string[] = [];
  let stderr = '';
  const waiters = new Set<{ match: (l: string, i: number) => boolean; resolve: (l: string) => void }>();
  const stdoutClosed = new Promise<void>((resolve) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      lines.push(line);
      for (const w of waiters) {
        if (w.match(line, lines.length - 1)) {
          waiters.delete(w);
          w.resolve(line);
        }
      }
    });
    rl.on('close', () => resolve());
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => void stdoutClosed.then(() => resolve({ code, signal })));
  });
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(match, timeoutMs = 60_000) {
      const seen = lines.findIndex((l, i) => match(l, i));
      if (seen >= 0) return Promise.resolve(lines[seen]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => fail(`no matching line within ${timeoutMs} ms`), timeoutMs);
        const waiter = {
          match,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const fail = (why: string) => {
          waiters.delete(waiter);
          reject(new Error(`${why}; stdout tail: ${lines.slice(-5).join(' | ')}; stderr: ${stderr.slice(-2000)}`));
        };
        waiters.add(waiter);
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          if (waiters.has(waiter)) fail(`child exited (code ${code}, signal ${signal})`);
        });
      });
    },
    async waitForStderrLine(match, timeoutMs = 60_000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const line = stderr.split('\n').find((l) => match(l));
        if (line !== undefined) return line;
        if (child.exitCode !== null || child.signalCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no matching stderr line (exit ${child.exitCode}); stderr: ${stderr.slice(-2000)}`);
    },
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  /** stdout as bytes, for binary output. */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs `bin/leadforge ...args` to completion with extra environment. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/leadforge', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr });
    });
  });
}

/** Starts `bin/leadforge ...args` in the background (for `serve`). */
export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningChild {
  const child = spawn(process.execPath, ['bin/leadforge', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watch(child);
}
