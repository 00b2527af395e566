import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { defaultVerifyConfig, type VerifyConfig } from '../../src/core/config.js';
import { startDnsServer, type Zone } from '../mailworld/dns-server.js';
import { startLatencyProxy } from './latency-proxy.js';

/** A company of the finder world: its domain and the mailboxes its server knows. */
export interface Company {
  domain: string;
  /** Local parts that exist. Ignored when `catchAll`. */
  mailboxes: string[];
  catchAll?: boolean;
}

export interface HostStats {
  connections: number;
  maxSimultaneous: number;
  rcpts: number;
}

export interface FinderWorld {
  port: number;
  dnsServer: string;
  /** Per domain: what its mail host saw. */
  stats: Map<string, HostStats>;
  verifyConfig(overrides?: Partial<VerifyConfig>): VerifyConfig;
  totalRcpts(): number;
  close(): Promise<void>;
}

/**
 * DNS plus one mail host per company on its own loopback address (127.0.1.x, and 127.0.2.x behind
 * a latency proxy when `latencyMs` is set). Domains not listed are NXDOMAIN. Every host rejects
 * unknown mailboxes with 550 5.1.1 as Postfix does, or accepts everything when catch-all.
 */
export async function startFinderWorld(companies: Company[], options: { latencyMs?: number } = {}): Promise<FinderWorld> {
  if (companies.length > 250) throw new Error('the finder world has room for 250 companies');
  const zones: Record<string, Zone> = {};
  const stats = new Map<string, HostStats>();
  const closers: Array<() => Promise<void>> = [];
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  try {
    for (const [i, company] of companies.entries()) {
      const front = `127.0.1.${i + 1}`;
      const back = options.latencyMs ? `127.0.2.${i + 1}` : front;
      const host = `mx.${company.domain}`;
      zones[company.domain] = { mx: [{ exchange: host, priority: 10 }] };
      zones[host] = { a: [front] };
      const s: HostStats = { connections: 0, maxSimultaneous: 0, rcpts: 0 };
      stats.set(company.domain, s);
      closers.push(await startCompanyHost(back, port, company, s));
      if (options.latencyMs) closers.push((await startLatencyProxy({ ip: front, port }, { ip: back, port }, options.latencyMs)).close);
    }
    const dns = await startDnsServer(zones);
    closers.push(dns.close);
    return {
      port,
      dnsServer: dns.address,
      stats,
      verifyConfig: (overrides = {}) => ({ ...defaultVerifyConfig(), dnsServers: [dns.address], smtpPort: port, smtpTimeoutMs: 2000, greylistRetryS: 1, ...overrides }),
      totalRcpts: () => [...stats.values()].reduce((n, s) => n + s.rcpts, 0),
      close: async () => {
        await Promise.all(closers.map((c) => c()));
      },
    };
  } catch (e) {
    await Promise.all(closers.map((c) => c()));
    throw e;
  }
}

async function startCompanyHost(ip: string, port: number, company: Company, stats: HostStats): Promise<() => Promise<void>> {
  const mailboxes = new Set(company.mailboxes.map((m) => m.toLowerCase()));
  let open = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      stats.connections++;
      open++;
      stats.maxSimultaneous = Math.max(stats.maxSimultaneous, open);
      callback();
    },
    onClose() {
      open--;
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      stats.rcpts++;
      const [local, domain] = address.address.toLowerCase().split('@') as [string, string];
      if (company.catchAll || (domain === company.domain && mailboxes.has(local))) return callback();
      const err = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), { responseCode: 550 });
      callback(err);
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
