import { defaultVerifyConfig, type VerifyConfig } from '../../src/core/config.js';
import { startDnsServer, type Zone } from './dns-server.js';
import { startMailHost, type Behaviour, type RunningHost } from './smtp-servers.js';

/** Loopback addresses of the world's mail hosts (Linux routes all of 127.0.0.0/8 to lo). */
const HOSTS: Record<string, [string, Behaviour]> = {
  'mx.valid.test': ['127.0.0.10', 'standard'],
  'mx.catchall.test': ['127.0.0.11', 'catch_all'],
  'mx.greylist.test': ['127.0.0.12', 'greylist'],
  'mx.greylist-forever.test': ['127.0.0.13', 'greylist_forever'],
  'implicit.test': ['127.0.0.14', 'standard'],
  'mx.tarpit.test': ['127.0.0.16', 'tarpit'],
  'mx.busy.test': ['127.0.0.17', 'busy_421'],
  'mx.blocked.test': ['127.0.0.18', 'policy_block'],
  'mx.limited.test': ['127.0.0.19', 'three_rcpts'],
};
/** Has an address and an MX record pointing at it, but nothing listens there. */
const DEAD_HOST = ['mx1.fallback.test', '127.0.0.15'] as const;

const mx = (...hosts: Array<[string, number]>) => hosts.map(([exchange, priority]) => ({ exchange, priority }));

/** Every domain of the world and what it is for. Names not listed are NXDOMAIN. */
export const ZONES: Record<string, Zone> = {
  'valid.test': { mx: mx(['mx.valid.test', 10]) },
  'catchall.test': { mx: mx(['mx.catchall.test', 10]) },
  'greylist.test': { mx: mx(['mx.greylist.test', 10]) },
  'greylist-forever.test': { mx: mx(['mx.greylist-forever.test', 10]) },
  'implicit.test': { a: ['127.0.0.14'] },
  'nullmx.test': { mx: mx(['', 0]), a: ['127.0.0.10'] },
  'nomail.test': {},
  'fallback.test': { mx: mx(['mx2.fallback.test', 20], ['mx1.fallback.test', 10]) },
  'mx2.fallback.test': { a: ['127.0.0.10'] },
  // Primaries that time out (tarpit) or answer 421 at connect, with a good secondary.
  'slowfirst.test': { mx: mx(['mx.tarpit.test', 10], ['mx.valid.test', 20]) },
  'busyfirst.test': { mx: mx(['mx.busy.test', 5], ['mx.valid.test', 50]) },
  'tarpit.test': { mx: mx(['mx.tarpit.test', 10]) },
  'busy.test': { mx: mx(['mx.busy.test', 10]) },
  'blocked.test': { mx: mx(['mx.blocked.test', 10]) },
  'limited.test': { mx: mx(['mx.limited.test', 10]) },
  'limited2.test': { mx: mx(['mx.limited.test', 10]) },
  'servfail.test': { servfail: true },
  // A disposable provider (on mailchecker's list) that would accept anything if it were asked.
  'mailinator.com': { mx: mx(['mx.catchall.test', 10]) },
  // Providers recognised by their MX host names, served by the standard host.
  'googlemx.test': { mx: mx(['aspmx.l.google.com', 1]) },
  'aspmx.l.google.com': { a: ['127.0.0.10'] },
  [DEAD_HOST[0]]: { a: [DEAD_HOST[1]] },
  ...Object.fromEntries(Object.entries(HOSTS).map(([host, [ip]]) => [host, { a: [ip] }])),
};

export interface MailWorld {
  dnsServer: string;
  port: number;
  hosts: Record<string, RunningHost>;
  /** Verifier settings that reach this world (and only it). */
  verifyConfig(overrides?: Partial<VerifyConfig>): VerifyConfig;
  close(): Promise<void>;
}

/**
 * Starts the DNS server and every mail host on one free port (the same on every 127.0.0.x,
 * as LEADFORGE_SMTP_PORT is one setting). Several test files may run worlds at once.
 */
export async function startMailWorld(): Promise<MailWorld> {
  const dns = await startDnsServer(ZONES);
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const started: RunningHost[] = [];
    try {
      for (const [ip, behaviour] of Object.values(HOSTS)) started.push(await startMailHost(ip, port, behaviour));
      const hosts = Object.fromEntries(Object.keys(HOSTS).map((name, i) => [name, started[i]!]));
      return {
        dnsServer: dns.address,
        port,
        hosts,
        verifyConfig: (overrides = {}) => ({
          ...defaultVerifyConfig(),
          dnsServers: [dns.address],
          smtpPort: port,
          smtpTimeoutMs: 1000,
          greylistRetryS: 1,
          ...overrides,
        }),
        async close() {
          await Promise.all(started.map((h) => h.close()));
          await dns.close();
        },
      };
    } catch (e) {
      await Promise.all(started.map((h) => h.close()));
      if (attempt >= 10 || (e as { code?: string }).code !== 'EADDRINUSE') {
        await dns.close();
        throw e;
      }
    }
  }
}
