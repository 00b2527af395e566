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

const ADDRESS_TTL_MS = 60_000;
/** How long a connection kept for reuse (`keepAlive`) stays open unused; servers allow minutes. */
export const IDLE_CONNECTION_MS = 5_000;

/**
 * An open connection past MAIL FROM. Its mail transaction stays open from one use to the next
 * (no RSET, no second MAIL FROM: we never send DATA, so the recipients of earlier uses do no
 * harm); `sent` counts recipients over every use, against the per-connection budget.
 */
type Session = { conn: SmtpConnection; host: string; release: () => void; sent: number };
type OpenResult = { session: Session } | { failed: SmtpAnswer };

/**
 * SMTP up to RCPT TO, never DATA: MX hosts in order (the next one when a host refuses, times
 * out, or answers 4xx at connect), EHLO (HELO as fallback), STARTTLS when offered, MAIL FROM,
 * up to N RCPT TO per connection (a new connection after 452 "too many recipients"; the mail
 * transaction stays open from one use of a kept connection to the next),
 * QUIT. Host names are resolved through the verifier's own DNS.
 */
export function smtpProber(dns: DnsResolver, s: ProberSettings): MailboxProber & { limiter: HostLimiter<Session> } {
  /** Connections kept open for reuse, per MX host; they hold their host's slot while idle. */
  const idle = new Map<string, Array<{ session: Session; timer: NodeJS.Timeout }>>();
  // Someone waits for a host whose slots are taken: an idle connection goes to them (or gives its slot up).
  const limiter = new HostLimiter<Session>(s.maxConnectionsPerHost, (host) => {
    const session = takeIdle(host);
    if (session && !limiter.handOff(host, session)) endSession(session);
  });
  let closed = false;

  function takeIdle(host: string): Session | undefined {
    const list = idle.get(host);
    const entry = list?.shift();
    if (list && list.length === 0) idle.delete(host);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    entry.session.conn.idle(false);
    return entry.session;
  }

  /** Goodbyes under way: nobody waits for them but `close`. */
  const goodbyes = new Set<Promise<void>>();

  /**
   * RSET, QUIT and close, in the background: the probe has its answers already. The host's slot
   * is only free once the server has seen the connection end.
   */
  function endSession(session: Session): void {
    const goodbye = (async () => {
      if (session.conn.usable) await session.conn.command('RSET').catch(() => null);
      await session.conn.quit();
    })().finally(() => {
      session.release();
      goodbyes.delete(goodbye);
    });
    goodbyes.add(goodbye);
  }

  /**
   * Hands a connection to a probe waiting for its host right now, or keeps it for the next one:
   * its next RCPT goes at once, where a new connection costs three round trips (greeting, EHLO,
   * MAIL FROM) plus the TCP handshake.
   */
  function park(session: Session) {
    if (closed || !session.conn.usable) return endSession(session);
    if (limiter.waitingFor(session.host) > 0) return limiter.handOff(session.host, session) ? undefined : endSession(session);
    session.conn.idle(true);
    const entry = {
      session,
      timer: setTimeout(() => {
        const list = idle.get(session.host);
        const i = list?.indexOf(entry) ?? -1;
        if (i < 0) return;
        list!.splice(i, 1);
        if (list!.length === 0) idle.delete(session.host);
        endSession(session);
      }, IDLE_CONNECTION_MS),
    };
    entry.timer.unref();
    const list = idle.get(session.host) ?? [];
    list.push(entry);
    idle.set(session.host, list);
  }

  /**
   * An idle connection to this host, ready for RCPT. One the server closed meanwhile is
   * dropped here when that is known already, else by its first RCPT (whose address then goes to
   * a new connection, see `probe`).
   */
  function reuseOn(host: string): Session | undefined {
    for (let session = takeIdle(host); session; session = takeIdle(host)) {
      if (session.conn.usable) return session;
      session.conn.close();
      session.release();
    }
    return undefined;
  }
  const knownAddresses = new Map<string, { addresses: Promise<string[]>; until: number }>();

  /**
   * A mail host's addresses, looked up once a minute rather than for every connection (a big
   * domain takes many connections; the lookups would cost more than the SMTP). Failures are
   * not remembered.
   */
  function addressesOf(host: string): Promise<string[]> {
    const known = knownAddresses.get(host);
    if (known && known.until > Date.now()) return known.addresses;
    const addresses = dns.resolveAddresses(host);
    knownAddresses.set(host, { addresses, until: Date.now() + ADDRESS_TTL_MS });
    addresses.catch(() => knownAddresses.delete(host));
    if (knownAddresses.size > 10_000) knownAddresses.delete(knownAddresses.keys().next().value!);
    return addresses;
  }

  async function openOn(host: string, plainOnly = false): Promise<OpenResult> {
    let addresses: string[];
    try {
      addresses = await addressesOf(host);
    } catch (e) {
      return { failed: { kind: 'unreachable', detail: `${host}: ${(e as Error).message}` } };
    }
    if (addresses.length === 0) return { failed: { kind: 'unreachable', detail: `${host}: no address` } };
    const got = await limiter.acquireOrTake(host);
    if ('handed' in got) {
      if (got.handed.conn.usable) return { session: got.handed };
      // broken meanwhile: a new connection on the same slot
      got.handed.conn.close();
      return openWith(host, addresses, got.handed.release, plainOnly);
    }
    return openWith(host, addresses, got.release, plainOnly);
  }

  /** A new connection on a slot already held (`release` gives it back). */
  async function openWith(host: string, addresses: string[], release: () => void, plainOnly: boolean): Promise<OpenResult> {
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
      return { session: { conn, host, release, sent: 0 } };
    } catch (e) {
      conn?.close();
      release();
      return { failed: { kind: 'unreachable', detail: `${host}: ${(e as Error).message}` } };
    }
  }

  /** The first host that lets us as far as MAIL FROM; otherwise the most telling failure. */
  async function openSession(hosts: string[], preferred: string | null, keepAlive: boolean): Promise<OpenResult> {
    const order = preferred ? [preferred, ...hosts.filter((h) => h !== preferred)] : hosts;
    if (keepAlive) {
      for (const host of order) {
        const session = reuseOn(host);
        if (session) return { session };
      }
    }
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

  /**
   * Recipients go out over up to `maxConnectionsPerHost` connections at once (a second one only
   * when the first would have to be replaced anyway: more than one connection's worth of
   * recipients), each taking the next address from a shared queue. Without PIPELINING every
   * RCPT costs a round trip, so parallel connections are what makes a big domain fast.
   * `stopWhen` keeps one connection so that answers stop at a definite point — unless `spread`
   * asks for speed: then every connection stops taking recipients at the first answer that says
   * stop, and the answers end after the last recipient asked (those in flight are answered).
   */
  async function probe(req: ProbeRequest): Promise<SmtpAnswer[]> {
    const answers: SmtpAnswer[] = new Array(req.recipients.length);
    const state = { next: 0, stoppedAt: -1, preferred: null as string | null, failed: null as SmtpAnswer | null };
    /** Addresses sent back by a 452 "too many recipients": asked again first, on a new connection. */
    const requeued: number[] = [];
    const perConnection = Math.max(1, s.maxRecipientsPerConnection);
    const keepAlive = (req.keepAlive ?? false) && !closed;
    const workers = req.stopWhen && !req.spread
      ? 1
      : Math.max(1, Math.min(s.maxConnectionsPerHost, req.spread ? req.recipients.length : Math.ceil(req.recipients.length / perConnection)));
    const remaining = () => requeued.length + req.recipients.length - state.next;
    const more = () => remaining() > 0 && state.stoppedAt < 0 && !state.failed;
    /** Recipients the open connections can still take: a new connection only for what they cannot. */
    let openCapacity = 0;

    async function worker() {
      while (more() && (req.spread || remaining() > openCapacity)) {
        openCapacity += perConnection;
        const opened = await openSession(req.hosts, state.preferred, keepAlive);
        if ('failed' in opened) {
          openCapacity -= perConnection;
          // Every host failed: the remaining addresses get that answer (unless another connection is still working).
          state.failed = opened.failed;
          return;
        }
        const session = opened.session;
        const { conn, host } = session;
        state.preferred = host;
        // A reused connection has already taken some of its recipients.
        const budget = perConnection - session.sent;
        const reused = session.sent > 0;
        openCapacity -= session.sent;
        let sent = 0;
        let reusable = keepAlive;
        try {
          while (more() && sent < budget) {
            const index = requeued.length > 0 ? requeued.shift()! : state.next++;
            let r: SmtpReply;
            try {
              r = await conn.command(`RCPT TO:<${req.recipients[index]}>`);
            } catch (e) {
              // A kept connection the server closed while it was idle says nothing about the
              // address: it goes to a new connection. Otherwise the server went away mid-probe.
              if (reused && sent === 0) requeued.push(index);
              else answers[index] = { kind: 'unreachable', detail: `${host}: ${e instanceof SmtpIoError ? e.message : String(e)}` };
              throw e;
            }
            // 421 as the first answer on a kept connection: the server is closing it (idle timeout).
            if (r.code === 421 && reused && sent === 0) {
              requeued.push(index);
              reusable = false;
              break;
            }
            const tooMany = r.code === 452 && /^4\.5\.3\b|too many recipients|recipients? limit/i.test(r.text);
            // 452 after earlier recipients: this connection is full, the address goes to a new one.
            if (tooMany && session.sent + sent > 0) {
              requeued.push(index);
              reusable = false;
              break;
            }
            answers[index] = reply('rcpt', r);
            sent++;
            openCapacity--;
            if (req.stopWhen?.(answers[index], index)) {
              state.stoppedAt = state.stoppedAt < 0 ? index : Math.min(state.stoppedAt, index);
              break;
            }
            if (r.code === 421) {
              reusable = false;
              break;
            }
          }
        } catch {
          // The connection broke: the address it was on is answered; the others go on a new one.
          reusable = false;
        } finally {
          openCapacity -= budget - sent;
          session.sent += sent;
          if (reusable && session.sent < perConnection) park(session);
          else endSession(session);
        }
      }
    }

    await Promise.all(Array.from({ length: workers }, worker));
    if (state.failed) for (let i = 0; i < answers.length; i++) answers[i] ??= state.failed;
    if (state.stoppedAt < 0) return answers;
    // In order up to the last one answered; an address sent back to the queue (452, a dead kept
    // connection) and never asked again has no answer: it was not asked.
    let last = answers.length - 1;
    while (last > state.stoppedAt && answers[last] === undefined) last--;
    return Array.from({ length: last + 1 }, (_, i) => answers[i] ?? { kind: 'unreachable' as const, detail: 'not asked: an earlier answer settled it' });
  }

  /** Ends the connections kept for reuse (and keeps no more). */
  async function close() {
    closed = true;
    const sessions = [...idle.keys()].flatMap((host) => [...(idle.get(host) ?? [])].map(() => takeIdle(host)!));
    sessions.forEach(endSession);
    await Promise.all([...goodbyes]);
  }

  return { probe, limiter, close };
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
