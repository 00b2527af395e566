import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(repoRoot, 'test-results');

/** Builds web/dist when it is missing or stale (same rule as `npm start`). */
export function ensureWebBuilt() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/ensure-web-built.mjs')], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`building the web UI failed (exit ${r.status})`);
}

/** A port nobody listens on right now (the server has no "pick one and tell me" mode). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** Everything the server printed so far (logs; mails go there without SMTP_URL). */
  output(): string;
  /** The last link the server "mailed" (logged) whose path starts with `pathPrefix`. */
  lastMailedLink(pathPrefix: string): string | undefined;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra settings, e.g. the verifier's LEADFORGE_DNS_SERVERS / LEADFORGE_SMTP_PORT for the mail world. */
  env?: Record<string, string>;
  /** Run on this PostgreSQL database instead of a fresh embedded one. */
  databaseUrl?: string;
}

/** Starts the real server (`leadforge serve`) on a free port with a fresh embedded database. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'leadforge-browser-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LEADFORGE_DATA_DIR: dataDir,
    LEADFORGE_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
  };
  // Embedded database, in-process jobs, mails to the log: nothing outside this machine.
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) delete env[k];
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  Object.assign(env, options.env);

  const child = spawn(process.execPath, [join(repoRoot, 'bin/leadforge'), 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // A loaded machine (other suites, benchmarks) can take longer to start the server: TEST_SERVER_START_MS raises the wait.
    await waitForHealth(url, child, Number(process.env.TEST_SERVER_START_MS ?? 60_000));
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- server output ---\n${output}`);
  }

  return {
    url,
    output: () => output,
    lastMailedLink(pathPrefix) {
      // Mail bodies are logged as JSON strings: links end at whitespace or an escaped newline.
      const re = new RegExp(`${escapeRegExp(url + pathPrefix)}[^\\s"\\\\]*`, 'g');
      const all = output.match(re);
      return all?.[all.length - 1];
    },
    stop,
  };
}

/**
 * A fresh, empty database on the PostgreSQL server of `adminUrl` (TEST_DATABASE_URL), for a
 * server started with `startServer({ databaseUrl })`; `drop()` removes it.
 */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lf_browser_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /health within ${timeoutMs} ms`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless, with everything that would reach the internet turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ConsoleProblem {
  kind: 'console' | 'pageerror' | 'requestfailed';
  text: string;
  url?: string;
}

/**
 * Collects console errors, uncaught exceptions and failed requests of a page. `allow` says which
 * console errors are expected (for instance the 401 of /auth/refresh on a first visit).
 */
export function watchPage(page: Page, allow: (p: ConsoleProblem) => boolean = () => false): ConsoleProblem[] {
  const problems: ConsoleProblem[] = [];
  const add = (p: ConsoleProblem) => {
    if (!allow(p)) problems.push(p);
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') add({ kind: 'console', text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => add({ kind: 'pageerror', text: err.stack ?? err.message }));
  page.on('requestfailed', (req) => {
    // Navigations away from a page cancel its pending requests; that is not a failure.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    add({ kind: 'requestfailed', text: `${req.method()} ${req.url()}: ${req.failure()?.errorText}`, url: req.url() });
  });
  return problems;
}

export function screenshotPath(name: string) {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, `${name}.png`);
}
