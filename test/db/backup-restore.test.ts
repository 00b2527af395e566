import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectBackup } from '../../src/adapters/db/backup-archive.js';
import { openDatabase } from '../../src/adapters/db/client.js';
import { embeddedDbDir } from '../../src/adapters/db/embedded-layout.js';
import { runMigrations } from '../../src/adapters/db/migrate.js';
import { usingPostgres } from '../helpers/db.js';
import { runCli, startCli, startTsx, type CliResult, type RunningChild } from './support/child-process.js';
import { CRASH_WRITER, expectConsistent, reportedIds } from './support/crash-probe.js';
import { snapshotTables } from './support/snapshot.js';

/**
 * `leadforge backup` and `leadforge restore` through the real command line, with the database
 * closed and with a process serving it. Embedded mode only: with TEST_DATABASE_URL (where
 * backups are pg_dump's business) the suite is skipped.
 */
let root = '';
const children: RunningChild[] = [];
const secret = 'backup-test-secret-0123456789abcdefghijklmnop';

const dataDir = (name: string) => join(root, name);
const envFor = (dir: string): NodeJS.ProcessEnv => ({ LEADFORGE_DATA_DIR: dir, LEADFORGE_SECRET: secret, DATABASE_URL: '', REDIS_URL: '' });
const cli = (args: string[], dir: string, extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { ...envFor(dir), ...extraEnv });

async function snapshotOf(dir: string) {
  const database = await openDatabase({ pgliteDir: embeddedDbDir(dir) });
  try {
    return await snapshotTables(database);
  } finally {
    await database.close();
  }
}

function expectCleanFailure(r: CliResult, exitCode: number, message: string | RegExp) {
  expect(r.code, r.stderr).toBe(exitCode);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
}

describe.skipIf(usingPostgres())('leadforge backup / restore (embedded database)', () => {
  const source = () => dataDir('source');
  let original: Awaited<ReturnType<typeof snapshotOf>>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lf-backup-'));
    const database = await openDatabase({ pgliteDir: embeddedDbDir(source()) });
    try {
      await runMigrations(database);
      await database.db.execute(sql`create table backup_probe (id int primary key, label text, amount numeric(12,2), at timestamptz, tags jsonb)`);
      await database.db.execute(sql`insert into backup_probe
        select i, 'label ' || i || ' – ünïcødé', i * 1.25, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute',
               jsonb_build_object('i', i, 'even', i % 2 = 0)
        from generate_series(1, 2500) i`);
      await database.db.execute(sql`insert into backup_probe values (0, null, null, null, null)`);
      original = await snapshotTables(database);
    } finally {
      await database.close();
    }
    // A second, closed copy for the test that writes during a backup: cheaper than a new initdb.
    cpSync(embeddedDbDir(source()), embeddedDbDir(dataDir('busy')), { recursive: true });
    cpSync(embeddedDbDir(source()), embeddedDbDir(dataDir('damaged')), { recursive: true });
    expect(original['public.backup_probe']).toEqual({ rows: 2501, hash: expect.any(String) });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('backs up a stopped database and restores it into a fresh directory, identical', async () => {
    const file = join(root, 'offline.tar.gz');
    const backup = await cli(['backup', '-o', file], source());
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, takenBy: 'direct' });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const target = dataDir('restored-offline');
    const restore = await cli(['restore', file], target, { LEADFORGE_SECRET: '' });
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ restored: file, dataDir: target, previous: null });
    // A fresh directory has no key yet: starting now would generate one that cannot decrypt the data.
    expect(restore.stderr).toContain(`copy the secret.key that belongs to this backup to ${join(target, 'secret.key')}`);
    expect(existsSync(join(target, 'secret.key'))).toBe(false);
    expect(await snapshotOf(target)).toEqual(original);
  }, 180_000);

  it('writes the backup to stdout with -o -, the summary to stderr', async () => {
    const r = await cli(['backup', '-o', '-'], source());
    expect(r.code, r.stderr).toBe(0);
    expect(inspectBackup(r.stdoutBytes, 'stdout').postgresMajor).toMatch(/^\d+$/);
    expect(r.stderr).toContain(`{"file":"-","bytes":${r.stdoutBytes.length},"takenBy":"direct"}`);
  }, 120_000);

  it('backs up while `leadforge serve` runs, and restore refuses to touch the live directory', async () => {
    // Without the embedded job worker: its scheduler writes on its own clock, and this test
    // compares the backup with the data as written before the server started.
    const server = startCli(['serve'], { ...envFor(source()), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LEADFORGE_EMBEDDED_WORKER: 'false' });
    children.push(server);
    await server.waitForStderrLine((l) => l.includes('Leadforge is running at'), 120_000);

    const file = join(root, 'online.tar.gz');
    const backup = await cli(['backup', '-o', file], source());
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, takenBy: 'server' });

    const refused = await cli(['restore', file, '--force'], source());
    expectCleanFailure(refused, 4, /is in use by another Leadforge process \(pid \d+\)\. Stop it first/);

    // A graceful stop releases the directory (and removes the socket) as it should.
    expect(await server.terminate()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(embeddedDbDir(source()), 'admin.sock'))).toBe(false);
    const target = dataDir('restored-online');
    const restore = await cli(['restore', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await snapshotOf(target)).toEqual(original);
  }, 240_000);

  it('takes a consistent backup while the owning process is writing', async () => {
    const busyDir = dataDir('busy');
    const writer = startTsx(CRASH_WRITER, [embeddedDbDir(busyDir), '1']);
    children.push(writer);
    await writer.waitForLine((l) => l === 'ready', 120_000);
    await writer.waitForLine((l) => /^(row|batch) /.test(l) && Number(l.split(' ')[1]) >= 40);
    const committedBefore = { rows: reportedIds(writer.lines, 'row'), batches: reportedIds(writer.lines, 'batch') };

    const file = join(root, 'busy.tar.gz');
    const backup = await cli(['backup', '-o', file], busyDir);
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ takenBy: 'server' });
    const committedAfter = reportedIds(writer.lines, 'row').length + reportedIds(writer.lines, 'batch').length;
    await writer.kill();

    const target = dataDir('restored-busy');
    const restore = await cli(['restore', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    const database = await openDatabase({ pgliteDir: embeddedDbDir(target) });
    try {
      await expectConsistent(database, committedBefore);
    } finally {
      await database.close();
    }
    // The writer kept committing around the backup: it really was taken under load.
    expect(committedAfter).toBeGreaterThan(committedBefore.rows.length + committedBefore.batches.length);
  }, 240_000);

  it('reports a damaged database clearly; restore needs --force, keeps the damaged copy aside and brings the data back', async () => {
    const damaged = dataDir('damaged');
    rmSync(join(embeddedDbDir(damaged), 'pglite', 'global', 'pg_control'));
    const broken = await cli(['migrate'], damaged);
    expectCleanFailure(broken, 1, /The embedded database in .*could not be opened: .*restore a backup with `leadforge restore FILE --force`/);

    const file = join(root, 'offline.tar.gz');
    expectCleanFailure(await cli(['restore', file], damaged), 3, /already holds a database\. Pass --force/);
    const forced = await cli(['restore', file, '--force'], damaged);
    expect(forced.code, forced.stderr).toBe(0);
    const { previous } = JSON.parse(forced.stdout) as { previous: string };
    expect(previous).toMatch(/db\/pglite\.before-restore-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(existsSync(join(previous, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(previous, 'global', 'pg_control'))).toBe(false); // the damaged one
    expect(readdirSync(embeddedDbDir(damaged)).filter((n) => n.startsWith('pglite'))).toHaveLength(2);
    expect(await snapshotOf(damaged)).toEqual(original);
  }, 180_000);

  // Every kind of bad file is covered in backup-archive.test.ts; here, how the command reports it.
  it('rejects garbage, truncated and missing files with a clear message and leaves the database alone', async () => {
    const target = dataDir('restored-offline');
    const garbage = join(root, 'garbage.tar.gz');
    writeFileSync(garbage, 'this is not a backup at all\n'.repeat(100));
    expectCleanFailure(await cli(['restore', garbage, '--force'], target), 2, /is not a Leadforge backup: it is not gzip-compressed/);

    const truncated = join(root, 'truncated.tar.gz');
    const whole = readFileSync(join(root, 'offline.tar.gz'));
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    expectCleanFailure(await cli(['restore', truncated, '--force'], target), 2, /is corrupt or truncated/);


    expectCleanFailure(await cli(['restore', join(root, 'nope.tar.gz')], target), 2, /Cannot read .*nope\.tar\.gz: no such file/);
    expect(await snapshotOf(target)).toEqual(original);
  }, 180_000);

  it('explains what to do when there is nothing to back up or the database is PostgreSQL', async () => {
    expectCleanFailure(await cli(['backup', '-o', join(root, 'x.tar.gz')], dataDir('empty')), 3, /no embedded database in .* to back up/);
    expect(existsSync(join(root, 'x.tar.gz'))).toBe(false);
    const pg = await cli(['backup'], source(), { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expectCleanFailure(pg, 2, /with DATABASE_URL use pg_dump/);
  }, 120_000);
});
