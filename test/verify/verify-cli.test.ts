import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/db.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';

/** `leadforge verify` as a user runs it: the real binary, reaching the mail world only through the settings. */
// Each run starts the real binary (tsx): on a loaded 2-core machine that alone takes seconds.
describe('CLI: leadforge verify', { timeout: 420_000 }, () => {
  let world: MailWorld;
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    world = await startMailWorld();
    dataDir = mkdtempSync(join(tmpdir(), 'lf-cli-verify-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LEADFORGE_DATA_DIR: dataDir,
      LEADFORGE_SECRET: 'cli-test-secret-that-is-long-enough-0123456789',
      LEADFORGE_DNS_SERVERS: world.dnsServer,
      LEADFORGE_SMTP_PORT: String(world.port),
      LEADFORGE_SMTP_TIMEOUT_MS: '1000',
      LEADFORGE_GREYLIST_RETRY_S: '1',
    };
    if (usingPostgres()) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url;
    }
  });
  afterAll(async () => {
    await pg?.cleanup();
    await world?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('./bin/leadforge', ['verify', ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints one jsonl object per input in input order, from arguments and a CSV file', async () => {
    const file = join(dataDir, 'people.csv');
    writeFileSync(file, 'name,Email\nDora,dora@valid.test\n"Doe, Jane",jane@gmial.com\n');
    const res = await run(['Alice@Valid.test', 'nobody@valid.test', 'not-an-email', '--file', file, '--format', 'jsonl']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const rows = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.input, r.status, r.reason])).toEqual([
      ['Alice@Valid.test', 'valid', 'accepted'],
      ['nobody@valid.test', 'invalid', 'mailbox_not_found'],
      ['not-an-email', 'invalid', 'invalid_syntax'],
      ['dora@valid.test', 'invalid', 'mailbox_disabled'],
      ['jane@gmial.com', 'invalid', 'domain_not_found'],
    ]);
    expect(rows[0]).toMatchObject({ email: 'alice@valid.test', score: 95, suggestion: null, checks: { smtp: 'accepted' } });
    expect(rows[4]).toMatchObject({ suggestion: 'jane@gmail.com' });
  });

  it('--file takes one address per line (a header line and blank lines skipped); a CSV without an email column is exit 2', async () => {
    const list = join(dataDir, 'list.txt');
    writeFileSync(list, 'Email\r\nbob@valid.test\r\n\r\n  Fred@Valid.test  \r\nghost@valid.test\r\n');
    const res = await run(['--file', list, '--format', 'jsonl', '--skip-smtp']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const rows = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.input, r.email, r.reason])).toEqual([
      ['bob@valid.test', 'bob@valid.test', 'smtp_skipped'],
      ['Fred@Valid.test', 'fred@valid.test', 'smtp_skipped'],
      ['ghost@valid.test', 'ghost@valid.test', 'smtp_skipped'],
    ]);
    const noColumn = join(dataDir, 'companies.csv');
    writeFileSync(noColumn, 'name;company\nA;B\n');
    const bad = await run(['--file', noColumn]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no email column/);
    expect(bad.stdout).toBe('');
  });

  it('prints CSV (settings flags win over the environment) and a table (--skip-smtp)', async () => {
    // Nothing listens on port 1: the flag, not LEADFORGE_SMTP_PORT, was used.
    const csv = await run(['carol@fallback.test', '--format', 'csv', '--smtp-port', '1']);
    expect(csv.code).toBe(0);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header).toBe('input,email,status,reason,score,suggestion,smtp,catch_all,disposable,role,free,gibberish,provider,mx');
    expect(row).toBe('carol@fallback.test,carol@fallback.test,unknown,smtp_unreachable,30,,unreachable,,false,false,false,false,,10 mx1.fallback.test | 20 mx2.fallback.test');
    const table = await run(['ann@catchall.test', '--skip-smtp']);
    expect(table.stdout.split('\n')[0]).toMatch(/^EMAIL\s+STATUS\s+REASON\s+SCORE\s+SUGGESTION$/);
    expect(table.stdout).toMatch(/ann@catchall\.test\s+unknown\s+smtp_skipped\s+50/);
    expect(world.hosts['mx.catchall.test']!.stats.connections).toBe(0);
  });

  it('refuses bad input with exit code 2 and a message, without a stack trace', async () => {
    const res = await run(['x@valid.test', '--format', 'xml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('leadforge: --format must be one of table, jsonl, csv\n');
    expect(res.stdout).toBe('');
  });
});
