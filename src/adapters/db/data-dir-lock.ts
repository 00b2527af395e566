import { chmodSync, mkdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import { createAdminServer, probeOwner, type AdminHandlers } from './admin-socket.js';
import { embeddedPaths } from './embedded-layout.js';
import { DataDirInUseError, DataDirLockError } from './errors.js';

/**
 * One process at a time may own an embedded database directory: two PGlite instances on the
 * same files would corrupt them. The owner proves it is alive by listening on the admin socket
 * in the directory. Unlike a pid file this cannot be fooled by pid reuse (a restarted container
 * hands out the same pids again), and a socket left behind by a killed process is recognised
 * because nobody accepts connections on it any more.
 */
export interface DataDirLock {
  socketPath: string;
  release(): Promise<void>;
}

/** Unix socket paths are limited to 108 bytes on Linux and 104 on macOS, including the NUL. */
const MAX_SOCKET_PATH_BYTES = 103;
/** A takeover takes milliseconds; a marker older than this was left by a killed process. */
const STALE_TAKEOVER_MS = 10_000;

export async function acquireDataDirLock(dbDir: string, handlers: AdminHandlers): Promise<DataDirLock> {
  const paths = embeddedPaths(dbDir);
  if (Buffer.byteLength(paths.socket) > MAX_SOCKET_PATH_BYTES) {
    throw new DataDirLockError(
      `LEADFORGE_DATA_DIR is too long: the lock socket ${paths.socket} exceeds ${MAX_SOCKET_PATH_BYTES} bytes. Use a shorter path.`,
    );
  }
  prepareDbDir(dbDir);
  const server = createAdminServer(handlers);
  const takeoverMarker = `${paths.socket}.takeover`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await tryListen(server, paths.socket)) return owned(server, paths.socket, paths.pidFile);
    const owner = await probeOwner(paths.socket);
    if (owner.state === 'live') throw new DataDirInUseError(dbDir, owner.pid ?? readPid(paths.pidFile));
    if (owner.state === 'absent') continue;
    // A stale socket from a killed owner. Only one process may remove it and take its place,
    // or two starting at once could each delete the other's fresh socket.
    if (!tryCreateMarker(takeoverMarker)) {
      await sleep(50);
      continue;
    }
    try {
      const again = await probeOwner(paths.socket);
      if (again.state === 'live') throw new DataDirInUseError(dbDir, again.pid ?? readPid(paths.pidFile));
      rmSync(paths.socket, { force: true });
      if (await tryListen(server, paths.socket)) return owned(server, paths.socket, paths.pidFile);
    } finally {
      rmSync(takeoverMarker, { recursive: true, force: true });
    }
  }
  throw new DataDirLockError(`Could not take the lock on ${dbDir}: other processes keep competing for it.`);
}

/** The directory holds every table: readable by its owner only, whatever the umask. */
function prepareDbDir(dbDir: string) {
  mkdirSync(dbDir, { recursive: true, mode: 0o700 });
  chmodSync(dbDir, 0o700);
}

function tryListen(server: net.Server, path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') resolve(false);
      else reject(new DataDirLockError(`Cannot create the lock socket ${path}: ${e.message}`, { cause: e }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ path });
  });
}

function owned(server: net.Server, socketPath: string, pidFile: string): DataDirLock {
  chmodSync(socketPath, 0o600);
  writeFileSync(pidFile, `${process.pid}\n`);
  // The admin socket must not keep a finished CLI command alive.
  server.unref();
  let released = false;
  return {
    socketPath,
    async release() {
      if (released) return;
      released = true;
      if (readPid(pidFile) === process.pid) rmSync(pidFile, { force: true });
      // close() removes the socket file; after that another process may take the directory.
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tryCreateMarker(marker: string): boolean {
  try {
    mkdirSync(marker);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      if (Date.now() - statSync(marker).mtimeMs > STALE_TAKEOVER_MS) rmdirSync(marker);
    } catch {
      /* removed by its owner meanwhile */
    }
    return false;
  }
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
