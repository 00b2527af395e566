import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdminRequestError, requestBackupFromOwner } from '../../src/adapters/db/admin-socket.js';
import { acquireDataDirLock, type DataDirLock } from '../../src/adapters/db/data-dir-lock.js';
import { embeddedPaths } from '../../src/adapters/db/embedded-layout.js';
import { DataDirInUseError, DataDirLockError } from '../../src/adapters/db/errors.js';
import { ConfigError } from '../../src/core/config.js';

/** The lock on an embedded database directory and the admin socket that carries it. */
const root = mkdtempSync(join(tmpdir(), 'lf-lock-'));
let n = 0;
const newDbDir = () => join(root, `d${++n}`, 'db');
const noBackup = { backup: () => Promise.reject(new Error('no backup here')) };

/** Leaves a socket file nobody listens on, as a process killed with SIGKILL does. */
async function leaveStaleSocket(path: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(statSync(path).isSocket()).toBe(true);
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('data directory lock', () => {
  it('is exclusive, even within one process, and names the owner', async () => {
    const dir = newDbDir();
    const lock = await acquireDataDirLock(dir, noBackup);
    try {
      const second = acquireDataDirLock(dir, noBackup);
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(`in use by another Leadforge process (pid ${process.pid})`);
      const paths = embeddedPaths(dir);
      expect(statSync(paths.socket).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(readFileSync(paths.pidFile, 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await lock.release();
    }
  });

  it('is free again after release, with the socket and pid file gone', async () => {
    const dir = newDbDir();
    await (await acquireDataDirLock(dir, noBackup)).release();
    const paths = embeddedPaths(dir);
    expect(existsSync(paths.socket)).toBe(false);
    expect(existsSync(paths.pidFile)).toBe(false);
    await (await acquireDataDirLock(dir, noBackup)).release();
  });

  it('takes over the socket of a killed owner, once, however many processes try at the same time', async () => {
    const dir = newDbDir();
    await leaveStaleSocket(embeddedPaths(dir).socket);
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => acquireDataDirLock(dir, noBackup)));
    const won = attempts.filter((a): a is PromiseFulfilledResult<DataDirLock> => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const l of lost) expect(l.reason).toBeInstanceOf(DataDirInUseError);
    await won[0]!.value.release();
  });

  it('refuses a data directory whose socket path would be too long, naming the setting', async () => {
    const dir = join(root, 'x'.repeat(120), 'db');
    const attempt = acquireDataDirLock(dir, noBackup);
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockError);
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/LEADFORGE_DATA_DIR is too long/);
  });
});

describe('admin socket', () => {
  it('carries a large backup intact from the owner to another client', async () => {
    const dir = newDbDir();
    const dump = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
    const lock = await acquireDataDirLock(dir, { backup: async () => dump });
    try {
      const got = await requestBackupFromOwner(embeddedPaths(dir).socket);
      expect(got?.pid).toBe(process.pid);
      expect(Buffer.from(got!.bytes).equals(Buffer.from(dump))).toBe(true);
    } finally {
      await lock.release();
    }
  });

  it('reports the owner’s failure, and null when nobody owns the directory', async () => {
    const dir = newDbDir();
    const lock = await acquireDataDirLock(dir, noBackup);
    try {
      const failing = requestBackupFromOwner(embeddedPaths(dir).socket);
      await expect(failing).rejects.toBeInstanceOf(AdminRequestError);
      await expect(failing).rejects.toThrow('backup failed in the server process: no backup here');
    } finally {
      await lock.release();
    }
    expect(await requestBackupFromOwner(embeddedPaths(dir).socket)).toBeNull();
  });
});
