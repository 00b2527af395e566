import net from 'node:net';
import { defaultVerifyConfig, type VerifyConfig } from '../../src/core/config.js';
import { startDnsServer, type Zone } from './dns-server.js';

/**
 * A mail world for speed figures: `domains` domains (`d0.slow.test`…), each with its own MX host
 * on 127.0.1.x (one per domain, so that per-host caps apply domain by domain), every reply held
 * back `replyDelayMs` like a distant server. No PIPELINING, no STARTTLS: one RCPT per round
 * trip. Mailboxes `user*` exist; every other local part (the catch-all probe too) is unknown.
 * Each host counts connections, the most open at once, and RCPT / DATA commands.
 */
export interface SlowHostStats {
  connections: number;
  open: number;
  maxSimultaneous: number;
  rcpts: number;
  dataCommands: number;
}

export interface SlowWorld {
  domains: string[];
  stats: Map<string, SlowHostStats>;
  verifyConfig(overrides?: Partial<VerifyConfig>): VerifyConfig;
  reset(): void;
  close(): Promise<void>;
}

export async function startSlowWorld(options: { domains: number; replyDelayMs: number }): Promise<SlowWorld> {
  const domains = Array.from({ length: options.domains }, (_, i) => `d${i}.slow.test`);
  const ipOf = (i: number) => `127.0.1.${i + 1}`;
  const zones: Record<string, Zone> = {};
  domains.forEach((d, i) => {
    zones[d] = { mx: [{ exchange: `mx.${d}`, priority: 10 }] };
    zones[`mx.${d}`] = { a: [ipOf(i)] };
  });
  const dns = await startDnsServer(zones);
  const stats = new Map<string, SlowHostStats>();
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const servers: net.Server[] = [];
    try {
      for (let i = 0; i < domains.length; i++) {
        const s: SlowHostStats = { connections: 0, open: 0, maxSimultaneous: 0, rcpts: 0, dataCommands: 0 };
        stats.set(domains[i]!, s);
        servers.push(await listen(ipOf(i), port, s, options.replyDelayMs));
      }
      return {
        domains,
        stats,
        verifyConfig: (overrides = {}) => ({ ...defaultVerifyConfig(), dnsServers: [dns.address], smtpPort: port, smtpTimeoutMs: 10_000, greylistRetryS: 1, ...overrides }),
        reset: () => stats.forEach((s) => Object.assign(s, { connections: 0, maxSimultaneous: s.open, rcpts: 0, dataCommands: 0 })),
        async close() {
          await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
          await dns.close();
        },
      };
    } catch (e) {
      await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
      if (attempt >= 10 || (e as { code?: string }).code !== 'EADDRINUSE') {
        await dns.close();
        throw e;
      }
    }
  }
}

function listen(ip: string, port: number, stats: SlowHostStats, delayMs: number): Promise<net.Server> {
  const server = net.createServer((socket) => {
    stats.connections++;
    stats.open++;
    stats.maxSimultaneous = Math.max(stats.maxSimultaneous, stats.open);
    let closed = false;
    // 'end' (the client's FIN) comes before a new connection of the same client; 'close' may come after it.
    const gone = () => {
      if (closed) return;
      closed = true;
      stats.open--;
    };
    socket.on('end', gone);
    socket.on('close', gone);
    socket.on('error', gone);
    const say = (text: string, then?: () => void) =>
      setTimeout(() => {
        if (!socket.destroyed) socket.write(`${text}\r\n`, then);
      }, delayMs);
    say('220 mx.slow.test ESMTP ready');
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i).replace(/\r$/, '');
        buffer = buffer.slice(i + 1);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say('250-mx.slow.test\r\n250-SIZE 10240000\r\n250 8BITMIME');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') say('250 2.0.0 Ok');
        else if (verb === 'RCPT') {
          stats.rcpts++;
          const local = /<([^@>]*)@/.exec(line)?.[1] ?? '';
          say(local.startsWith('user') ? '250 2.1.5 Ok' : '550 5.1.1 Recipient address rejected: User unknown');
        } else if (verb === 'DATA') {
          stats.dataCommands++;
          say('554 5.5.1 No DATA here');
        } else if (verb === 'QUIT') {
          // Done with the client once it says goodbye: it waits for this 221 before it connects again.
          gone();
          say('221 2.0.0 Bye', () => socket.end());
        }
        else say('502 5.5.2 Command not recognized');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve(server));
  });
}
