import { ConfigError } from '../../core/config.js';

/** Another live process owns the embedded database directory (two owners would corrupt it). */
export class DataDirInUseError extends Error {
  readonly pid?: number;
  constructor(dir: string, pid?: number) {
    const who = pid ? `another Leadforge process (pid ${pid})` : 'another Leadforge process';
    super(`The data directory ${dir} is in use by ${who}. Stop it first, or point LEADFORGE_DATA_DIR elsewhere.`);
    this.name = 'DataDirInUseError';
    this.pid = pid;
  }
}

/**
 * The data directory lock could not be taken or checked for a reason other than a live owner
 * (a path too long for a socket, a filesystem without sockets): an environment problem, so the
 * CLI maps it like a configuration error.
 */
export class DataDirLockError extends ConfigError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = 'DataDirLockError';
  }
}

/** PGlite could not start on the data directory (damaged files, a newer PostgreSQL major…). */
export class EmbeddedDatabaseOpenError extends Error {
  constructor(pgdata: string, cause: unknown) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/[.\s]+$/, '');
    super(
      `The embedded database in ${pgdata} could not be opened: ${reason}. If its files are damaged, restore a backup with \`leadforge restore FILE --force\` (the damaged copy is kept aside).`,
      { cause },
    );
    this.name = 'EmbeddedDatabaseOpenError';
  }
}
