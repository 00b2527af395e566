import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runLeadforge } from '../helpers/cli.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/db.js';
import { startFinderWorld, type FinderWorld } from '../finderworld/world.js';
import { COMPANIES } from './world-companies.js';

/** `leadforge find` as a user runs it: the real binary, reaching the finder world only through the settings. */
describe('CLI: leadforge find', { timeout: 180_000 }, () => {
  let world: FinderWorld;
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    world = await startFinderWorld(COMPANIES);
    dataDir = mkdtempSync(join(tmpdir(), 'lf-cli-find-'));
    env = cliEnv(dataDir, { LEADFORGE_DNS_SERVERS: world.dnsServer, LEADFORGE_SMTP_PORT: String(world.port), LEADFORGE_SMTP_TIMEOUT_MS: '2000' });
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

  it('finds one person and prints the result as JSON', async () => {
    const res = await runLeadforge(['find', '--first', 'José', '--last', 'Núñez', '--domain', 'acme.test'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ email: 'jose.nunez@acme.test', status: 'valid', pattern: '{first}.{last}', domain: 'acme.test' });
  });

  it('prints one JSON line per row of a file, in order', async () => {
    const file = join(dataDir, 'people.csv');
    writeFileSync(file, 'first_name,last_name,full_name,company,domain\nAda,Lovelace,,,acme.test\n,,Richard Hendricks,"Pied Piper, Inc.",\nNo,Body,,,acme.test\nGavin,Belson,,,hooli.test\n');
    const res = await runLeadforge(['find', '--file', file, '--format', 'jsonl'], env);
    expect(res.code).toBe(0);
    const rows = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { input: Record<string, string>; email: string | null; status: string });
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ['ada.lovelace@acme.test', 'valid'],
      ['richard.hendricks@piedpiper.com', 'valid'],
      [null, 'not_found'],
      ['gavin.belson@hooli.test', 'risky'],
    ]);
    expect(rows[1]!.input).toMatchObject({ fullName: 'Richard Hendricks', company: 'Pied Piper, Inc.' });
  });

  it.each([
    [['find', '--first', 'Ada', '--domain', 'acme.test'], /--first and --last/],
    [['find', '--first', 'Ada', '--last', 'Lovelace'], /--domain, --company or --website/],
    [['find', '--file', '/nonexistent/people.csv'], /people\.csv|no such file/i],
    [['find', '--first', 'Ada', '--last', 'Lovelace', '--domain', 'acme.test', '--min-confidence', '200'], /--min-confidence/],
  ])('%j fails with a clear message and exit code', async (args, message) => {
    const res = await runLeadforge(args, env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
