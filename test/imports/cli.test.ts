import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/db.js';
import { startMailWorld } from '../mailworld/world.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const FIXTURE = 'test/fixtures/imports/contacts.csv';

/** `leadforge map-columns` and `leadforge import` as users run them: the real binary, a fresh data dir or database. */
describe('CLI: map-columns and import', { timeout: 900_000 }, () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lf-cli-import-'));
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
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('./bin/leadforge', args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('map-columns prints the suggested mapping as JSON, and refuses a missing file', async () => {
    const out = await run(['map-columns', FIXTURE, '--format', 'json']);
    expect(out.code).toBe(0);
    const { columns } = JSON.parse(out.stdout) as { columns: { header: string; field: string | null; confidence: number }[] };
    expect(columns.map((c) => [c.header, c.field])).toEqual([
      ['First Name', 'first_name'], ['Last Name', 'last_name'], ['E-Mail Adresse', 'email'], ['Firma', 'company'], ['LinkedIn', 'linkedin_url'],
    ]);
    expect(columns.every((c) => c.confidence > 0.5 && c.confidence <= 1)).toBe(true);
    const missing = await run(['map-columns', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file: nope.csv/);
  });

  it('import runs the job and prints a summary; a second run skips what is there', async () => {
    const created = await run(['user', 'create', '--email', 'owner@example.com', '--name', 'Owner'], { LEADFORGE_USER_PASSWORD: 'a long enough password' });
    expect(created.code).toBe(0);
    const first = await run(['import', FIXTURE, '--list', 'Fair 2026']);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'completed', total: 3, created: 3, skipped: 0, invalid: 0, listId: expect.any(String) });
    const again = await run(['import', FIXTURE, '--list', 'Fair 2026', '--dedupe', 'skip', '--mapping', '{"E-Mail Adresse":"email","Firma":"company"}']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 3, created: 1, skipped: 2 }); // the invalid address has no key: a new lead
    const bad = await run(['import', FIXTURE, '--dedupe', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--dedupe must be one of skip, update, merge/);
  });

  it('import --duplicates and --verify: repeated rows combined, emails verified after, both in the summary', async () => {
    const world = await startMailWorld();
    try {
      const file = join(dataDir, 'verify-me.csv');
      writeFileSync(file, 'Email,First Name,Title\ncli-a@valid.test,Ann,\ncli-b@nomail.test,Bob,\ncli-a@valid.test,Anna,CEO\n');
      const out = await run(['import', file, '--list', 'Verified', '--duplicates', 'last', '--verify', '--skip-smtp'], { LEADFORGE_DNS_SERVERS: world.dnsServer, LEADFORGE_SMTP_PORT: String(world.port) });
      expect(out.stderr).not.toMatch(/\n\s+at /);
      expect(out.code).toBe(0);
      const summary = JSON.parse(out.stdout) as { created: number; duplicates: number; verify: { status: string; valid: number; invalid: number; risky: number; unknown: number; error: string | null } };
      expect(summary).toMatchObject({ status: 'completed', total: 3, created: 2, duplicates: 1, verify: { status: 'completed', invalid: 1, error: null } });
      expect(summary.verify.valid + summary.verify.invalid + summary.verify.risky + summary.verify.unknown).toBe(2);
    } finally {
      await world.close();
    }
    const badMode = await run(['import', FIXTURE, '--duplicates', 'both']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--duplicates must be one of first, merge, last/);
    const badKey = await run(['import', FIXTURE, '--match', 'phone']);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/--match: phone is not one of email, linkedin, name_company/);
  });
});
