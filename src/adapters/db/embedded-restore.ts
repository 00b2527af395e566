import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, DomainError, validationError } from '../../core/errors.js';
import { inspectBackup, type BackupInfo } from './backup-archive.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { embeddedPaths, type EmbeddedPaths } from './embedded-layout.js';
import { PgliteProxy } from './pglite-proxy.js';

export interface RestoreResult {
  /** Where the database that was replaced now lives, if there was one. */
  previous?: string;
  backup: BackupInfo;
}

/**
 * Replaces the embedded database in dbDir with a backup. The backup is loaded and opened in a
 * staging directory first, so a bad file never touches the current database; the swap is two
 * renames, and an interruption between them is rolled forward on the next open.
 */
export async function restoreEmbeddedDatabase(
  dbDir: string,
  bytes: Uint8Array,
  options: { name: string; force: boolean; now?: Date },
): Promise<RestoreResult> {
  const backup = inspectBackup(bytes, options.name);
  const paths = embeddedPaths(dbDir);
  // Holding the lock keeps a server from starting on a half-restored directory.
  const lock = await acquireDataDirLock(dbDir, {
    backup: () => Promise.reject(new Error('a restore is in progress')),
  });
  try {
    finishInterruptedRestore(paths);
    const hasDatabase = existsSync(join(paths.pgdata, 'PG_VERSION'));
    if (hasDatabase && !options.force) {
      throw conflict(`${dbDir} already holds a database. Pass --force to replace it (the current one is kept beside it as a timestamped copy).`);
    }
    rmSync(paths.restoring, { recursive: true, force: true });
    rmSync(paths.restored, { recursive: true, force: true });
    await loadAndCheck(paths.restoring, bytes, `${options.name} (PostgreSQL ${backup.postgresMajor} data)`);
    renameSync(paths.restoring, paths.restored);
    let previous: string | undefined;
    if (existsSync(paths.pgdata)) {
      previous = `${paths.pgdata}.before-restore-${timestamp(options.now ?? new Date())}`;
      renameSync(paths.pgdata, previous);
    }
    renameSync(paths.restored, paths.pgdata);
    return { previous, backup };
  } catch (e) {
    rmSync(paths.restoring, { recursive: true, force: true });
    throw e;
  } finally {
    await lock.release();
  }
}

/** Opens the loaded copy once: a backup PGlite cannot start on is refused before the swap. */
async function loadAndCheck(dir: string, bytes: Uint8Array, name: string) {
  const proxy = new PgliteProxy(dir, { loadDataDir: bytes });
  try {
    await proxy.ready;
    const { rows } = await proxy.query<{ leadforge: boolean }>(
      "select to_regclass('drizzle.__drizzle_migrations') is not null as leadforge",
    );
    if (!rows[0]?.leadforge) throw validationError(`${name} holds a PostgreSQL database, but not a Leadforge one.`);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw validationError(`${name} could not be loaded: ${(e as Error).message}`);
  } finally {
    await proxy.close().catch(() => undefined);
  }
}

/**
 * A restore killed between its two renames leaves no current database but a complete restored
 * one: finish the swap. Call only while holding the directory lock.
 */
export function finishInterruptedRestore(paths: EmbeddedPaths) {
  if (!existsSync(paths.pgdata) && existsSync(paths.restored)) renameSync(paths.restored, paths.pgdata);
}

function timestamp(d: Date) {
  return d.toISOString().replace(/[:.]/g, '-');
}
