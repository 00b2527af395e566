import type { DnsResolver, MailboxProber, ProbeRequest, SmtpAnswer } from '../../domains/verify/index.js';
import { HostLimiter } from './host-limiter.js';
import { SmtpConnection, SmtpIoError, type SmtpReply } from './smtp-connection.js';

export interface ProberSettings {
  port: number;
  timeoutMs: number;
  heloName: string;
  mailFrom: string;
  socksProxy?: string;
  maxConnectionsPerHost: number;
  maxRecipientsPerConnection: number;
}

type Session = { conn: SmtpConnection; host: string; release: () => void };
type OpenResult = { session: Session } | { failed: SmtpAnswer };

/**
 * SMTP up to RCPT TO, never DATA: MX hosts in order (the next one when a host refuses, times
 * out, or answers 4xx at connect), EHLO (HELO as fallback), STARTTLS when offered, MAIL FROM,
 * up to N RCPT TO per connection (a new connection after 452 "too many recipients"), RSET,
 * QUIT. Host names are resolved through the verifier's own DNS.
 */
export function smtpProber(dns: DnsResolver, s: ProberSettings): MailboxProber & { limiter: HostLimiter } {
  const limiter = new HostLimiter(s.maxConnectionsPerHost);

  async function openOn(host: string, plainOnly = false): Promise<OpenResult> {
    let addresses: string[];
    try {
      addresses = await dns.resolveAddresses(host);
    } catch (e) {
      return { failed: { kind: 'unreachable', detail: `${host}: ${(e as Error).message}` } };
    }
    if (addresses.length === 0) return { failed: { kind: 'unreachable', detail: `${host}: no address` } };
    const release = await limiter.acquire(host);
    let conn: SmtpConnection | undefined;
    try {
      conn = await openFirst(addresses, s);
      const greeting = await conn.read();
      if (greeting.code !== 220) return fail(conn, release, reply('connect', greeting));
      let ehlo = await conn.command(`EHLO ${s.heloName}`);
      if (ehlo.code !== 250) {
        const helo = await conn.command(`HELO ${s.heloName}`);
        if (helo.code !== 250) return fail(conn, release, reply('helo', helo));
      } else if (!plainOnly && ehlo.lines.some((l) => /^250[ -]STARTTLS\b/i.test(l))) {
        const go = await conn.command('STARTTLS');
        if (go.code === 220) {
          try {
            await conn.startTls(host);
          } catch {
            // A broken TLS stack is common on small servers: ask again in plain text.
            conn.close();
            release();
            return openOn(host, true);
          }
          ehlo = await conn.command(`EHLO ${s.heloName}`);
          if (ehlo.code !== 250) return fail(conn, release, reply('helo', ehlo));
        }
      }
      const from = await conn.command(`MAIL FROM:<${s.mailFrom}>`);
      if (from.code !== 250) return fail(conn, release, reply('mail', from));
      return { session: { conn, host, release } };
    } catch (e) {
      conn?.close();
      release();
      return { failed: { kind: 'unreachable', detail: `${host}: ${(e as Error).message}` } };
    }
  }

  /** The first host that lets us as far as MAIL FROM; otherwise the most telling failure. */
  async function openSession(hosts: string[], preferred: string | null): Promise<OpenResult> {
    const order = preferred ? [preferred, ...hosts.filter((h) => h !== preferred)] : hosts;
    let best: SmtpAnswer | null = null;
    for (const host of order) {
      const r = await openOn(host);
      if ('session' in r) return r;
      // A server's own words (421, 554) say more than a host that could not be reached.
      if (!best || (best.kind === 'unreachable' && r.failed.kind === 'reply')) best = r.failed;
      // 5xx before RCPT is a refusal of us (policy): the next host of the same domain will say the same.
      if (r.failed.kind === 'reply' && r.failed.code >= 500) break;
    }
    return { failed: best ?? { kind: 'unreachable', detail: 'no mail host' } };
  }

  async function probe(req: ProbeRequest): Promise<SmtpAnswer[]> {
    const answers: SmtpAnswer[] = new Array(req.recipients.length);
    let next = 0;
    let preferred: string | null = null;
    while (next < req.recipients.length) {
      const opened = await openSession(req.hosts, preferred);
      if ('failed' in opened) {
        for (; next < req.recipients.length; next++) answers[next] = opened.failed;
        break;
      }
      const { conn, host, release } = opened.session;
      preferred = host;
      let sent = 0;
      try {
        while (next < req.recipients.length && sent < s.maxRecipientsPerConnection) {
          const r = await conn.command(`RCPT TO:<${req.recipients[next]}>`);
          const tooMany = r.code === 452 && /^4\.5\.3\b|too many recipients|recipients? limit/i.test(r.text);
          // 452 after earlier recipients: this connection is full, the address goes to a new one.
          if (tooMany && sent > 0) break;
          answers[next++] = reply('rcpt', r);
          sent++;
          if (r.code === 421) break;
        }
        await conn.command('RSET').catch(() => undefined);
      } catch (e) {
        const detail = e instanceof SmtpIoError ? e.message : String(e);
        answers[next++] = { kind: 'unreachable', detail: `${host}: ${detail}` };
      } finally {
        await conn.quit();
        release();
      }
    }
    return answers;
  }

  return { probe, limiter };
}

const reply = (stage: 'connect' | 'helo' | 'mail' | 'rcpt', r: SmtpReply): SmtpAnswer => ({ kind: 'reply', stage, code: r.code, text: r.text });

async function fail(conn: SmtpConnection, release: () => void, answer: SmtpAnswer): Promise<OpenResult> {
  await conn.quit();
  release();
  return { failed: answer };
}

/** The first address of a host that accepts a connection (hosts often have several A / AAAA records). */
async function openFirst(addresses: string[], s: ProberSettings): Promise<SmtpConnection> {
  let last: unknown;
  for (const address of addresses.slice(0, 4)) {
    try {
      return await SmtpConnection.open({ address, port: s.port, timeoutMs: s.timeoutMs, socksProxy: s.socksProxy });
    } catch (e) {
      last = e;
    }
  }
  throw last;
}
