import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs `leadforge worker` until it says it runs, then stops it with SIGTERM. */
function runWorker(env: Record<string, string>, args: string[] = []) {
  const inherited = { ...process.env };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'LEADFORGE_DATA_DIR']) delete inherited[k];
  const child = spawn(join(ROOT, 'bin/leadforge'), ['worker', ...args], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'info', LEADFORGE_SECRET: 'worker-cli-test-secret-0123456789abcdef', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const running = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('leadforge worker running')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, running, exited, stderr: () => stderr };
}

describe('leadforge worker', () => {
  it('starts on the configured database, runs the scheduler, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lf-worker-cli-'));
    const db = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
    try {
      const env: Record<string, string> = db ? { DATABASE_URL: db.url! } : { LEADFORGE_DATA_DIR: dataDir };
      if (process.env.TEST_REDIS_URL) env.REDIS_URL = process.env.TEST_REDIS_URL;
      const w = runWorker(env, ['--concurrency', '3', '--io-concurrency', '5']);
      await w.running;
      const line = w.stderr().split('\n').find((l) => l.includes('leadforge worker running'))!;
      expect(JSON.parse(line)).toMatchObject({ concurrency: 3, ioConcurrency: 5, driver: process.env.TEST_REDIS_URL ? 'bullmq' : 'in-process', database: db ? 'postgres' : 'pglite' });
      // The scheduler catches up the monthly credit reset's latest slot at start-up.
      for (let i = 0; i < 100 && !w.stderr().includes('"task":"credits.monthly-reset"'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(w.stderr()).toMatch(/"task":"credits.monthly-reset".*"msg":"scheduled task ran"/);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    } finally {
      await db?.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['--concurrency', '--concurrency must be an integer between 1 and 1000'],
    ['--io-concurrency', '--io-concurrency must be an integer between 1 and 1000'],
  ])('refuses a bad %s with a clear message', async (flag, message) => {
    const w = runWorker({ LEADFORGE_DATA_DIR: '/nonexistent-never-created' }, [flag, '0']);
    expect(await w.exited).not.toBe(0);
    expect(w.stderr()).toContain(message);
    await w.running.catch(() => undefined);
  });
});
