import type { Ctx } from '../../core/context.js';
import { isDisposableDomain } from './address-type.js';
import { buildResult } from './build-result.js';
import { readCachedDomain, readCachedResults, writeCachedDomain, writeCachedResults } from './cache.js';
import { lookupDomainFacts, type DomainFacts } from './domain-facts.js';
import type { VerifierNet } from './ports.js';
import { probeDomain } from './probe-domain.js';
import { parseEmail } from './syntax.js';
import type { SmtpCheck, VerifyResult } from './types.js';

export interface VerifyOptions {
  skipSmtp?: boolean;
  /** Domains worked on at once (default 128; each MX host's connections are capped by the prober). */
  domainConcurrency?: number;
}

/**
 * Remote servers, not our CPU, set the pace (a round trip per RCPT), and the prober caps each
 * host: so many domains at once, or one slow domain holds up all the others.
 */
const DEFAULT_DOMAIN_CONCURRENCY = 128;

/**
 * Verifies addresses (any number, any order; one result per input, in input order). Results
 * of a full verification are cached and shared; a cache hit costs no DNS or SMTP. Domains are
 * looked up once and their addresses probed together over reused connections. Each domain
 * reads and writes its own cache rows, so the database work of one domain overlaps the SMTP
 * round trips of the others instead of adding up before and after them.
 */
export async function verifyEmails(ctx: Ctx, net: VerifierNet, inputs: string[], options: VerifyOptions = {}): Promise<VerifyResult[]> {
  const parsed = inputs.map((input) => ({ input, parsed: parseEmail(input) }));
  const byDomain = new Map<string, Set<string>>();
  for (const { parsed: p } of parsed) {
    if (!p.ok) continue;
    let set = byDomain.get(p.domain);
    if (!set) byDomain.set(p.domain, (set = new Set()));
    set.add(p.email);
  }

  const results = new Map<string, VerifyResult>();
  const domains = [...byDomain.entries()];
  const worker = async () => {
    for (let next = domains.shift(); next; next = domains.shift()) {
      const [domain, emails] = next;
      const cached = await readCachedResults(ctx, [...emails]);
      for (const [email, r] of cached) results.set(email, r);
      const missing = [...emails].filter((e) => !cached.has(e));
      if (missing.length === 0) continue;
      const fresh = await verifyDomain(ctx, net, domain, missing, options.skipSmtp ?? false);
      for (const r of fresh) results.set(r.email, r);
      await writeCachedResults(ctx, fresh.filter((r) => r.checks.smtp !== 'skipped'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.domainConcurrency ?? DEFAULT_DOMAIN_CONCURRENCY, domains.length) }, worker));

  return parsed.map(({ input, parsed: p }) => (p.ok ? results.get(p.email)! : buildResult({ input, smtp: 'not_probed', catchAll: null })));
}

async function verifyDomain(ctx: Ctx, net: VerifierNet, domain: string, emails: string[], skipSmtp: boolean): Promise<VerifyResult[]> {
  const cachedDomain = await readCachedDomain(ctx, domain);
  const facts: DomainFacts = cachedDomain?.facts ?? (await lookupDomainFacts(net.dns, domain));
  let catchAll = cachedDomain?.catchAll ?? null;
  const result = (email: string, smtp: SmtpCheck) => buildResult({ input: email, facts, smtp, catchAll });

  if (facts.kind !== 'mail') {
    if (!cachedDomain) await writeCachedDomain(ctx, domain, facts, null);
    return emails.map((e) => result(e, facts.kind === 'dns_error' ? 'unreachable' : 'not_probed'));
  }
  // Throwaway domains are never probed: the answer would not change the verdict.
  if (skipSmtp || isDisposableDomain(domain)) {
    if (!cachedDomain) await writeCachedDomain(ctx, domain, facts, null);
    return emails.map((e) => result(e, skipSmtp ? 'skipped' : 'not_probed'));
  }
  const probe = await probeDomain(net, domain, facts.hosts, emails, catchAll);
  catchAll = probe.catchAll;
  if (!cachedDomain || (cachedDomain.catchAll === null && catchAll !== null)) await writeCachedDomain(ctx, domain, facts, catchAll);
  return emails.map((e) => result(e, probe.checks.get(e)!));
}
