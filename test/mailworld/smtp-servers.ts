import net from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/** How one mail host of the world answers. */
export type Behaviour = 'standard' | 'catch_all' | 'greylist' | 'greylist_forever' | 'busy_421' | 'policy_block' | 'three_rcpts' | 'tarpit';

/** Mailboxes of the `standard` behaviour (and of `greylist` once the retry comes). */
export const MAILBOXES: Record<string, 'ok' | 'disabled' | 'full' | 'tempfail'> = {
  alice: 'ok',
  bob: 'ok',
  carol: 'ok',
  info: 'ok',
  sales: 'ok',
  xk7q2m9z: 'ok',
  dora: 'disabled',
  fred: 'full',
  tina: 'tempfail',
};

export interface HostStats {
  connections: number;
  maxSimultaneous: number;
  /** RCPT TO commands per connection, in connection order. */
  rcptsPerConnection: number[];
  dataCommands: number;
  /** Connections upgraded with STARTTLS. */
  tlsSessions: number;
}

const refuse = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export interface RunningHost {
  ip: string;
  stats: HostStats;
  close(): Promise<void>;
}

/** A mail host on `ip:port` behaving as told; counts what clients did to it. */
export async function startMailHost(ip: string, port: number, behaviour: Behaviour): Promise<RunningHost> {
  const stats: HostStats = { connections: 0, maxSimultaneous: 0, rcptsPerConnection: [], dataCommands: 0, tlsSessions: 0 };
  if (behaviour === 'tarpit') return startTarpit(ip, port, stats);
  let open = 0;
  const greylistSeen = new Map<string, number>();
  const rcptIndex = new Map<string, number>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    onConnect(session, callback) {
      stats.connections++;
      open++;
      stats.maxSimultaneous = Math.max(stats.maxSimultaneous, open);
      rcptIndex.set(session.id, stats.rcptsPerConnection.push(0) - 1);
      if (behaviour === 'busy_421') return callback(refuse(421, '4.7.0 Too many connections, try again later'));
      callback();
    },
    onClose() {
      open--;
    },
    onSecure(_socket, _session, callback) {
      stats.tlsSessions++;
      callback();
    },
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      const slot = rcptIndex.get(session.id)!;
      stats.rcptsPerConnection[slot]!++;
      const [local, domain] = address.address.toLowerCase().split('@') as [string, string];
      if (behaviour === 'three_rcpts' && session.envelope.rcptTo.length >= 3) return callback(refuse(452, '4.5.3 Too many recipients'));
      if (behaviour === 'policy_block') return callback(refuse(550, '5.7.1 Client host [127.0.0.1] blocked using zen.spamhaus.example; see https://example.invalid'));
      if (behaviour === 'catch_all') return callback();
      if (behaviour === 'greylist_forever') return callback(refuse(451, '4.7.1 Greylisted, please try again later'));
      if (behaviour === 'greylist' && !greylistSeen.has(address.address)) {
        greylistSeen.set(address.address, Date.now());
        return callback(refuse(450, '4.2.0 Greylisted: please retry later'));
      }
      const box = MAILBOXES[local];
      if (!box || domain === undefined) return callback(refuse(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`));
      if (box === 'disabled') return callback(refuse(550, '5.2.1 The email account that you tried to reach is disabled'));
      if (box === 'full') return callback(refuse(552, '5.2.2 Mailbox full: quota exceeded'));
      if (box === 'tempfail') return callback(refuse(451, '4.3.0 Local error in processing'));
      callback();
    },
    onData(stream, _session, callback) {
      stats.dataCommands++;
      stream.resume();
      stream.on('end', () => callback(refuse(554, 'no DATA in the mail world')));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve());
  });
  return { ip, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Accepts connections and never says a word (a tarpit). */
async function startTarpit(ip: string, port: number, stats: HostStats): Promise<RunningHost> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve());
  });
  return {
    ip,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
