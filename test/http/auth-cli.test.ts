import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { loginUser } from '../../src/domains/auth/index.js';
import { openRuntime } from '../../src/main/runtime.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/db.js';

/**
 * `leadforge user create` as a user runs it: the real binary in a child process, on a fresh
 * embedded data directory (or a fresh Postgres database when TEST_DATABASE_URL is set).
 */
describe('CLI: leadforge user create', () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lf-cli-user-'));
    env = { PATH: process.env.PATH, HOME: process.env.HOME, LEADFORGE_DATA_DIR: dataDir, LEADFORGE_SECRET: 'cli-test-secret-that-is-long-enough-0123456789' };
    if (usingPostgres()) {
      pg = await createTestDatabase();
      // The CLI must own the database alone in embedded mode; on Postgres the test pool can stay.
      env.DATABASE_URL = pg.url;
    }
  });
  afterAll(async () => {
    await pg?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, stdin?: string) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('./bin/leadforge', args, { env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin ?? '');
    });
  }

  it('creates a user who can log in, and refuses bad input and a taken email with clear messages', async () => {
    const ok = await run(['user', 'create', '--email', ' Founder@Example.COM ', '--name', 'Founder', '--workspace', 'HQ'], {}, 'a piped password!\n');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout) as { userId: string; workspaceId: string };
    expect(out).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), workspaceId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const taken = await run(['user', 'create', '--email', 'founder@example.com', '--name', 'Again'], { LEADFORGE_USER_PASSWORD: 'another password' });
    expect(taken.code).toBe(3);
    expect(taken.stderr).toMatch(/already exists/);
    expect(taken.stderr).not.toMatch(/\n\s+at /);
    expect(taken.stdout).toBe('');

    const bad = await run(['user', 'create', '--email', 'not-an-email', '--name', 'X', '--password', 'long enough password']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/valid email/);

    const weak = await run(['user', 'create', '--email', 'weak@example.com', '--name', 'X'], { LEADFORGE_USER_PASSWORD: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/at least 10 characters/);

    const missing = await run(['user', 'create', '--name', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--email/);

    // The account works: log in against the same database the CLI wrote.
    const rt = await openRuntime(loadConfig(env), silentLogger());
    try {
      const session = await loginUser({ ...rt.systemCtx(), actor: { type: 'anonymous' } }, { email: 'founder@example.com', password: 'a piped password!' });
      expect(session.user.id).toBe(out.userId);
      expect(session.workspace).toEqual({ id: out.workspaceId, name: 'HQ', role: 'owner' });
    } finally {
      await rt.close();
    }
  }, 180_000);
});
