import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/db.js';

/** `leadforge export` as users run it: the real binary on a fresh data dir or database. */
describe('CLI: export', { timeout: 400_000 }, () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lf-cli-export-'));
    env = { PATH: process.env.PATH, HOME: process.env.HOME, LEADFORGE_DATA_DIR: dataDir, LEADFORGE_SECRET: 'cli-test-secret-that-is-long-enough-0123456789' };
    if (usingPostgres()) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url;
    }
  });
  afterAll(async () => {
    await pg?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    return new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
      const child = spawn('./bin/leadforge', args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    });
  }

  it('writes a list as CSV or JSON on stdout, progress on stderr, and refuses bad options', async () => {
    expect((await run(['user', 'create', '--email', 'owner@example.com', '--name', 'Owner'], { LEADFORGE_USER_PASSWORD: 'a long enough password' })).code).toBe(0);
    const imported = await run(['import', 'test/fixtures/imports/contacts.csv', '--list', 'Fair 2026']);
    expect(imported.code, imported.stderr).toBe(0);

    const csv = await run(['export', '--list', 'Fair 2026', '--columns', 'email,first_name,company']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('email,first_name,company');
    expect(lines).toHaveLength(4);
    expect(csv.stderr).toMatch(/exported 3 leads in [\d.]+ s/);

    const json = await run(['export', '--format', 'json', '--columns', 'email,linkedin_url']);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout.toString('utf8')) as { email: string }[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual(['email', 'linkedin_url']);

    const file = join(dataDir, 'out.xlsx');
    const xlsx = await run(['export', '--format', 'xlsx', '--output', file]);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    const badColumn = await run(['export', '--columns', 'email,favourite_colour']);
    expect(badColumn.code).toBe(2);
    expect(badColumn.stderr).toMatch(/favourite_colour/);
    expect((await run(['export', '--format', 'pdf'])).code).toBe(2);
    const noList = await run(['export', '--list', 'Nope']);
    expect(noList.code).toBe(3);
    expect(noList.stdout.length).toBe(0);
  });
});
