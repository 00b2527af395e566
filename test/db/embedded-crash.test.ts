import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase } from '../../src/adapters/db/client.js';
import { usingPostgres } from '../helpers/db.js';
import { startTsx, type RunningChild } from './support/child-process.js';
import { copyOfMigratedDb } from './support/template-db.js';
import { CRASH_WRITER, countOf, expectConsistent, expectWritable, reportedIds } from './support/crash-probe.js';

/**
 * PGlite runs PostgreSQL with fsync off. A process killed with SIGKILL loses nothing that the
 * kernel already holds, so every commit that returned must survive and recovery must replay the
 * WAL to a consistent state. These tests kill a real writer process at several points and check
 * exactly that. (Embedded mode only: with TEST_DATABASE_URL the suite is skipped.)
 */
const children: RunningChild[] = [];
let root = '';
let dirs = 0;

function testRoot() {
  root ||= mkdtempSync(join(tmpdir(), 'lf-crash-'));
  return root;
}

function newDbDir() {
  return join(testRoot(), `fresh-${++dirs}`, 'db');
}

/** A migrated database to crash (the very first initialisation has its own test). */
function existingDbDir() {
  return copyOfMigratedDb(testRoot(), `copy-${++dirs}`);
}

function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function startWriter(dbDir: string, firstId: number) {
  const writer = startTsx(CRASH_WRITER, [dbDir, String(firstId)]);
  children.push(writer);
  return writer;
}

describe.skipIf(usingPostgres())('embedded database survives kill -9', () => {
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('keeps every reported commit and no torn transaction, at several kill points', async () => {
    const dbDir = await existingDbDir();
    const reported = { rows: [] as number[], batches: [] as number[] };
    // Kill points in commits, each round continuing in the same directory after the last crash.
    const killPoints = [3, 120, 450];
    for (const [round, killAfter] of killPoints.entries()) {
      const firstId = (round + 1) * 100_000;
      const writer = startWriter(dbDir, firstId);
      await writer.waitForLine((l) => l === 'ready');
      let commits = 0;
      await writer.waitForLine((l) => /^(row|batch) /.test(l) && ++commits >= killAfter);
      await writer.kill();
      const printed = { rows: reportedIds(writer.lines, 'row'), batches: reportedIds(writer.lines, 'batch') };
      expect(printed.rows.length + printed.batches.length).toBeGreaterThanOrEqual(killAfter);
      reported.rows.push(...printed.rows);
      reported.batches.push(...printed.batches);

      // Reopening takes over the lock the killed process left behind and recovers.
      const database = await openDatabase({ pgliteDir: dbDir });
      try {
        await expectConsistent(database, reported);
        await expectWritable(database, -round - 1);
      } finally {
        await database.close();
      }
    }
  }, 240_000);

  it('opens cleanly after a kill during the very first initialisation', async () => {
    // PGlite runs initdb in memory, then copies ~1000 files into a directory. Kill points: in the
    // middle of the copy, and the moment a PG_VERSION file appears (PGlite's sign of a finished
    // database, written before the copy ends). Wherever the files go, the next open must work.
    const killWhen: Record<string, (dbDir: string) => boolean> = {
      'mid-copy': (dbDir) => countFiles(dbDir) >= 100,
      'PG_VERSION written': (dbDir) => subdirs(dbDir).some((d) => existsSync(join(dbDir, d, 'PG_VERSION'))),
    };
    for (const [moment, due] of Object.entries(killWhen)) {
      const dbDir = newDbDir();
      const writer = startWriter(dbDir, 1);
      await writer.waitForLine((l) => l === 'opening');
      // Poll as tightly as the event loop allows: the window after PG_VERSION is milliseconds.
      while (!due(dbDir) && !writer.lines.includes('ready')) await new Promise((r) => setImmediate(r));
      expect(writer.lines, `the writer finished starting before the kill point "${moment}"`).not.toContain('ready');
      await writer.kill();
      const database = await openDatabase({ pgliteDir: dbDir });
      try {
        await database.db.execute(sql`create table if not exists after_init_crash (id int primary key)`);
        await database.db.execute(sql`insert into after_init_crash values (1)`);
        expect(await countOf(database, sql`select count(*) as n from after_init_crash`), moment).toBe(1);
      } finally {
        await database.close();
      }
    }
  }, 240_000);

  it('refuses a second process on a live data directory with a clear error', async () => {
    const dbDir = await existingDbDir();
    const writer = startWriter(dbDir, 1);
    await writer.waitForLine((l) => l === 'ready');
    const attempt = openDatabase({ pgliteDir: dbDir });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toThrow(`The data directory ${dbDir} is in use by another Leadforge process (pid ${writer.child.pid}). Stop it first`);
    // The writer was not disturbed by the attempt.
    const before = writer.lines.length;
    await writer.waitForLine((_l, i) => i >= before + 5);
    await writer.kill();
  }, 120_000);
});
