import { join } from 'node:path';

/**
 * Where the embedded database keeps its files. `dbDir` is `<LEADFORGE_DATA_DIR>/db`; the lock
 * socket sits beside the PostgreSQL data directory (not inside it) so that restore can swap
 * the data directory while it holds the lock.
 */
export interface EmbeddedPaths {
  dbDir: string;
  /** The PostgreSQL data directory PGlite runs on. */
  pgdata: string;
  /** Unix socket: held open by the owning process (the lock) and answers backup requests. */
  socket: string;
  /** The owner's pid, for people; the socket, not this file, decides who owns the directory. */
  pidFile: string;
  /** A restore being loaded (incomplete until renamed to `restored`). */
  restoring: string;
  /** A fully loaded restore, waiting to be swapped in (rolled forward on the next open). */
  restored: string;
}

export function embeddedDbDir(dataDir: string): string {
  return join(dataDir, 'db');
}

export function embeddedPaths(dbDir: string): EmbeddedPaths {
  const pgdata = join(dbDir, 'pglite');
  return {
    dbDir,
    pgdata,
    socket: join(dbDir, 'admin.sock'),
    pidFile: join(dbDir, 'leadforge.pid'),
    restoring: `${pgdata}.restoring`,
    restored: `${pgdata}.restored`,
  };
}
