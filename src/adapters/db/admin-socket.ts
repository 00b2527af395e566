import net from 'node:net';

/**
 * The embedded database's admin socket: a unix socket in the database directory that the owning
 * process keeps open. Another process on the machine (the `leadforge backup` command) asks it
 * for things only the owner can do consistently, because only the owning thread may touch the
 * data files while the database is open.
 *
 * Protocol: the client sends one JSON line `{"op": ...}`; the server answers one JSON line
 * `{"ok": true, ...}` or `{"ok": false, "message"}`, followed for a backup by exactly `bytes`
 * bytes of the dump.
 */
export interface AdminHandlers {
  /** A consistent dump of the data directory (a gzipped tarball). */
  backup(): Promise<Uint8Array>;
}

type Request = { op: 'ping' } | { op: 'backup' };
interface Header {
  ok: boolean;
  pid?: number;
  bytes?: number;
  message?: string;
}

const MAX_REQUEST_BYTES = 4096;
const REQUEST_TIMEOUT_MS = 10_000;

export function createAdminServer(handlers: AdminHandlers): net.Server {
  return net.createServer((socket) => {
    socket.on('error', () => undefined); // a client that goes away mid-answer is not our problem
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const newline = received.indexOf('\n');
      if (newline < 0) {
        if (received.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.setTimeout(0);
      void answer(socket, received.slice(0, newline), handlers);
    };
    socket.on('data', onData);
  });
}

async function answer(socket: net.Socket, line: string, handlers: AdminHandlers) {
  const send = (header: Header, body?: Uint8Array) => {
    socket.write(JSON.stringify(header) + '\n');
    if (body) socket.write(body);
    socket.end();
  };
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch {
    return send({ ok: false, message: 'malformed request' });
  }
  if (request.op === 'ping') return send({ ok: true, pid: process.pid });
  if (request.op === 'backup') {
    try {
      const dump = await handlers.backup();
      return send({ ok: true, pid: process.pid, bytes: dump.byteLength }, dump);
    } catch (e) {
      return send({ ok: false, message: `backup failed in the server process: ${(e as Error).message}` });
    }
  }
  return send({ ok: false, message: `unknown request ${JSON.stringify((request as { op?: unknown }).op)}` });
}

export type OwnerProbe = { state: 'live'; pid?: number } | { state: 'stale' } | { state: 'absent' };

/**
 * Who holds the socket: `live` when a process accepts connections on it (it answers a ping with
 * its pid unless it is too busy), `stale` when the file is left over from a killed process,
 * `absent` when there is no socket file at all.
 */
export async function probeOwner(socketPath: string, pingTimeoutMs = 2000): Promise<OwnerProbe> {
  let socket: net.Socket;
  try {
    socket = await connect(socketPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'absent' };
    if (code === 'ECONNREFUSED') return { state: 'stale' };
    throw e;
  }
  try {
    const { header } = await exchange(socket, { op: 'ping' }, pingTimeoutMs);
    return { state: 'live', pid: header.pid };
  } catch {
    // It accepted the connection, so it is alive, just slow to answer.
    return { state: 'live' };
  } finally {
    socket.destroy();
  }
}

export class AdminRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminRequestError';
  }
}

/** Asks the live owner for a backup; null when no process owns the directory. */
export async function requestBackupFromOwner(socketPath: string): Promise<{ bytes: Uint8Array; pid?: number } | null> {
  let socket: net.Socket;
  try {
    socket = await connect(socketPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return null;
    throw e;
  }
  try {
    const { header, body } = await exchange(socket, { op: 'backup' });
    if (!header.ok) throw new AdminRequestError(header.message ?? 'the server refused the backup');
    return { bytes: body, pid: header.pid };
  } finally {
    socket.destroy();
  }
}

function connect(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Sends one request and reads the header line plus `bytes` bytes of body, if announced. */
function exchange(socket: net.Socket, request: Request, timeoutMs?: number): Promise<{ header: Header; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let header: Header | undefined;
    let bodyStart = 0;
    let total = 0;
    const fail = (e: Error) => {
      socket.destroy();
      reject(e);
    };
    if (timeoutMs) socket.setTimeout(timeoutMs, () => fail(new AdminRequestError(`no answer within ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (!header) {
        const all = Buffer.concat(chunks);
        const newline = all.indexOf(10);
        if (newline < 0) return;
        try {
          header = JSON.parse(all.subarray(0, newline).toString('utf8')) as Header;
        } catch {
          return fail(new AdminRequestError('malformed answer from the server process'));
        }
        chunks.length = 0;
        chunks.push(all);
        bodyStart = newline + 1;
      }
      if (total - bodyStart >= (header.bytes ?? 0)) {
        const all = Buffer.concat(chunks);
        resolve({ header, body: new Uint8Array(all.subarray(bodyStart, bodyStart + (header.bytes ?? 0))) });
        socket.destroy();
      }
    });
    socket.on('close', () => {
      if (!header) reject(new AdminRequestError('the server process closed the connection without answering'));
      else if (total - bodyStart < (header.bytes ?? 0)) reject(new AdminRequestError('the server process closed the connection before the whole backup arrived'));
    });
    socket.write(JSON.stringify(request) + '\n');
  });
}
