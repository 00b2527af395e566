import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../core/errors.js';
import { requestBackupFromOwner } from './admin-socket.js';
import { openDatabase } from './client.js';
import { embeddedPaths } from './embedded-layout.js';
import { DataDirInUseError } from './errors.js';

export interface BackupResult {
  bytes: Uint8Array;
  /** `server`: taken by the running process that owns the database; `direct`: nobody did. */
  takenBy: 'server' | 'direct';
  serverPid?: number;
}

/**
 * A consistent dump of the embedded database, whether or not a process has it open. Only the
 * owning thread may read the data files while the database is open, so a running owner is
 * asked over its admin socket; otherwise this process opens the directory itself.
 */
export async function backupEmbeddedDatabase(dbDir: string): Promise<BackupResult> {
  const paths = embeddedPaths(dbDir);
  // Two rounds: a server may start (or stop) between asking it and opening the directory.
  for (let round = 0; round < 2; round++) {
    const fromServer = await requestBackupFromOwner(paths.socket);
    if (fromServer) return { bytes: fromServer.bytes, takenBy: 'server', serverPid: fromServer.pid };
    if (!existsSync(join(paths.pgdata, 'PG_VERSION')) && !existsSync(paths.restored)) {
      throw new DomainError('NOT_FOUND', `There is no embedded database in ${dbDir} to back up. Is LEADFORGE_DATA_DIR set to the server's data directory?`);
    }
    try {
      const database = await openDatabase({ pgliteDir: dbDir });
      try {
        return { bytes: await database.dumpEmbedded!(), takenBy: 'direct' };
      } finally {
        await database.close();
      }
    } catch (e) {
      if (!(e instanceof DataDirInUseError) || round > 0) throw e;
    }
  }
  throw new Error('unreachable');
}
