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
  /** Domains worked on at once (each domain's connections are capped by the prober). */
  domainConcurrency?: number;
}

/**
 * Verifies addresses (any number, any order; one result per input, in input order). Results
 * of a full verification are cached and shared; a cache hit costs no DNS or SMTP. Domains are
 * looked up once and their addresses probed together over reused connections.
 */
export async function verifyEmails(ctx: Ctx, net: VerifierNet, inputs: string[], options: VerifyOptions = {}): Promise<VerifyResult[]> {
  const parsed = inputs.map((input) => ({ input, parsed: parseEmail(input) }));
  const cached = await readCachedResults(ctx, parsed.filter((p) => p.parsed.ok).map((p) => p.parsed.email));
  const results = new Map<string, VerifyResult>(cached);

  const byDomain = new Map<string, string[]>();
  for (const { parsed: p } of parsed) {
    if (!p.ok || results.has(p.email)) continue;
    const list = byDomain.get(p.domain) ?? [];
    if (!list.includes(p.email)) list.push(p.email);
    byDomain.set(p.domain, list);
  }

  const domains = [...byDomain.entries()];
  const fresh: VerifyResult[] = [];
  const worker = async () => {
    for (let next = domains.shift(); next; next = domains.shift()) {
      for (const r of await verifyDomain(ctx, net, next[0], next[1], options.skipSmtp ?? false)) {
        results.set(r.email, r);
        if (r.checks.smtp !== 'skipped') fresh.push(r);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.domainConcurrency ?? 8, domains.length) }, worker));
  await writeCachedResults(ctx, fresh);

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
