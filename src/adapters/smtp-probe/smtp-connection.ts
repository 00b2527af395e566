import net from 'node:net';
import tls from 'node:tls';
import { SocksClient } from 'socks';

export interface SmtpReply {
  code: number;
  /** All lines' texts joined by a space, without the codes. */
  text: string;
  lines: string[];
}

export class SmtpIoError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'timeout' | 'closed',
  ) {
    super(message);
    this.name = 'SmtpIoError';
  }
}

export interface ConnectOptions {
  address: string;
  port: number;
  timeoutMs: number;
  socksProxy?: string;
}

/**
 * One SMTP client connection: commands out, (multi-line) replies in, a timeout on connect and
 * on every reply. Nothing here knows about verification.
 */
export class SmtpConnection {
  private buffer = '';
  private lines: string[] = [];
  private waiter: (() => void) | null = null;
  private failure: SmtpIoError | null = null;

  private constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  static async open(o: ConnectOptions): Promise<SmtpConnection> {
    const socket = o.socksProxy ? await viaSocks(o) : await direct(o);
    return new SmtpConnection(socket, o.timeoutMs);
  }

  private attach(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, i).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(i + 1);
      }
      this.wake();
    });
    socket.on('error', (e) => this.fail(new SmtpIoError(e.message, 'closed')));
    socket.on('close', () => this.fail(new SmtpIoError('connection closed by the server', 'closed')));
  }

  private fail(e: SmtpIoError) {
    this.failure ??= e;
    this.wake();
  }

  private wake() {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next complete reply (continuation lines "250-…" up to "250 …"). */
  async read(): Promise<SmtpReply> {
    const deadline = Date.now() + this.timeoutMs;
    const collected: string[] = [];
    for (;;) {
      while (this.lines.length > 0) {
        const line = this.lines.shift()!;
        collected.push(line);
        const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
        if (!m) continue;
        if (m[2] !== '-') {
          return { code: Number(m[1]), text: collected.map((l) => l.slice(4)).join(' ').trim(), lines: collected };
        }
      }
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new SmtpIoError(`no reply within ${this.timeoutMs} ms`, 'timeout');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  async command(line: string): Promise<SmtpReply> {
    if (this.failure) throw this.failure;
    this.socket.write(`${line}\r\n`);
    return this.read();
  }

  /** Upgrades to TLS after a 220 to STARTTLS. Certificates are not checked: we only ask questions. */
  async startTls(servername: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, servername: net.isIP(servername) ? undefined : servername, rejectUnauthorized: false }, () => resolve(s));
      // Errors after the first (a reset after a failed handshake) must not go unhandled.
      s.on('error', () => undefined);
      s.once('error', reject);
      s.setTimeout(this.timeoutMs, () => {
        reject(new SmtpIoError('TLS handshake timed out', 'timeout'));
        s.destroy();
      });
    });
    secure.setTimeout(0);
    this.socket = secure;
    this.buffer = '';
    this.lines = [];
    this.attach(secure);
  }

  close() {
    this.socket.destroy();
  }

  /** An idle connection kept for reuse must not keep the process alive (`ref` when used again). */
  idle(yes: boolean) {
    if (yes) this.socket.unref();
    else this.socket.ref();
  }

  /** False once the connection failed or the server closed it. */
  get usable(): boolean {
    return !this.failure && !this.socket.destroyed;
  }

  /**
   * QUIT politely and wait for the 221 (at most 2 s): until then the server still counts the
   * connection, and the per-host cap is about what the server sees.
   */
  async quit() {
    try {
      if (!this.failure) {
        this.socket.write('QUIT\r\n');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.read(), new Promise((r) => (timer = setTimeout(r, Math.min(this.timeoutMs, 2000))))]);
        clearTimeout(timer);
      }
    } catch {
      // the server may close first
    } finally {
      this.close();
    }
  }
}

function direct(o: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: o.address, port: o.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpIoError(`connect to ${o.address}:${o.port} timed out`, 'timeout'));
    }, o.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new SmtpIoError(`connect to ${o.address}:${o.port}: ${e.message}`, 'connect'));
    });
  });
}

async function viaSocks(o: ConnectOptions): Promise<net.Socket> {
  const u = new URL(o.socksProxy!);
  try {
    const { socket } = await SocksClient.createConnection({
      proxy: {
        host: u.hostname,
        port: Number(u.port || 1080),
        type: 5,
        userId: u.username ? decodeURIComponent(u.username) : undefined,
        password: u.password ? decodeURIComponent(u.password) : undefined,
      },
      command: 'connect',
      destination: { host: o.address, port: o.port },
      timeout: o.timeoutMs,
    });
    return socket;
  } catch (e) {
    throw new SmtpIoError(`SOCKS proxy: ${(e as Error).message}`, 'connect');
  }
}
