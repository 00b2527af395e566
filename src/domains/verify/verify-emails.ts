import type { Ctx } from '../../core/context.js';
import { isDisposableDomain } from './address-type.js';
import { buildResult } from './build-result.js';
import { readCachedDomains, readCachedResults, writeCachedDomains, writeCachedResults, type CachedDomain } from './cache.js';
import { lookupDomainFacts, type DomainFacts } from './domain-facts.js';
import type { VerifierNet } from './ports.js';
import { probeDomain, type DomainProbe } from './probe-domain.js';
import { parseEmail } from './syntax.js';
import type { SmtpCheck, VerifyResult } from './types.js';

export interface VerifyOptions {
  skipSmtp?: boolean;
  /** Domains worked on at once (default 128; each MX host's connections are capped by the prober). */
  domainConcurrency?: number;
  /** Keep SMTP connections open a few seconds for the next call (bulk jobs: chunk after chunk). */
  keepConnections?: boolean;
}

/**
 * Remote servers, not our CPU, set the pace (a round trip per RCPT), and the prober caps each
 * host: so many domains at once, or one slow domain holds up all the others.
 */
const DEFAULT_DOMAIN_CONCURRENCY = 128;

/**
 * Verifies addresses (any number, any order; one result per input, in input order). Results
 * of a full verification are cached and shared; a cache hit costs no DNS or SMTP. Domains are
 * looked up once and their addresses probed together over reused connections. The cache is
 * read in one query before and written in one statement after (per table): per-domain queries
 * cost more than the round trips they would overlap with (measured: bench verify-throughput).
 */
export async function verifyEmails(ctx: Ctx, net: VerifierNet, inputs: string[], options: VerifyOptions = {}): Promise<VerifyResult[]> {
  const parsed = inputs.map((input) => ({ input, parsed: parseEmail(input) }));
  const results = await readCachedResults(ctx, [...new Set(parsed.flatMap(({ parsed: p }) => (p.ok ? [p.email] : [])))]);
  const byDomain = new Map<string, Set<string>>();
  for (const { parsed: p } of parsed) {
    if (!p.ok || results.has(p.email)) continue;
    let set = byDomain.get(p.domain);
    if (!set) byDomain.set(p.domain, (set = new Set()));
    set.add(p.email);
  }

  const cachedDomains = await readCachedDomains(ctx, [...byDomain.keys()]);
  const domainWrites: Array<{ domain: string } & CachedDomain> = [];
  const fresh: VerifyResult[] = [];
  const domains = [...byDomain.entries()];
  const worker = async () => {
    for (let next = domains.shift(); next; next = domains.shift()) {
      const [domain, emails] = next;
      const done = await verifyDomain(net, domain, [...emails], cachedDomains.get(domain) ?? null, options);
      if (done.domainWrite) domainWrites.push({ domain, ...done.domainWrite });
      for (const r of done.results) {
        results.set(r.email, r);
        if (r.checks.smtp !== 'skipped') fresh.push(r);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.domainConcurrency ?? DEFAULT_DOMAIN_CONCURRENCY, domains.length) }, worker));
  await writeCachedDomains(ctx, domainWrites);
  await writeCachedResults(ctx, fresh);

  return parsed.map(({ input, parsed: p }) => (p.ok ? results.get(p.email)! : buildResult({ input, smtp: 'not_probed', catchAll: null })));
}

/** One domain's addresses, and what to store about the domain (null: nothing new). */
async function verifyDomain(
  net: VerifierNet,
  domain: string,
  emails: string[],
  cachedDomain: CachedDomain | null,
  options: VerifyOptions,
): Promise<{ results: VerifyResult[]; domainWrite: CachedDomain | null }> {
  const skipSmtp = options.skipSmtp ?? false;
  const facts: DomainFacts = cachedDomain?.facts ?? (await lookupDomainFacts(net.dns, domain));
  const result = (email: string, smtp: SmtpCheck, catchAll: boolean | null) => buildResult({ input: email, facts, smtp, catchAll });
  const newFacts = cachedDomain ? null : { facts, catchAll: null };

  if (facts.kind !== 'mail') {
    return { results: emails.map((e) => result(e, facts.kind === 'dns_error' ? 'unreachable' : 'not_probed', null)), domainWrite: newFacts };
  }
  // Throwaway domains are never probed: the answer would not change the verdict.
  if (skipSmtp || isDisposableDomain(domain)) {
    return { results: emails.map((e) => result(e, skipSmtp ? 'skipped' : 'not_probed', cachedDomain?.catchAll ?? null)), domainWrite: newFacts };
  }
  const known = cachedDomain?.catchAll ?? null;
  // Another call (a bulk job's concurrent chunk) may be probing this domain's random address
  // now: its answer serves here too, one probe per domain instead of one per chunk.
  const learning = catchAllBeingLearnt(net);
  const elsewhere = known === null ? learning.get(domain) : undefined;
  const mine = known === null && !elsewhere ? deferred<boolean | null>() : undefined;
  if (mine) learning.set(domain, mine.promise);
  let probe: DomainProbe | undefined;
  try {
    probe = await probeDomain(net, domain, facts.hosts, emails, known, { keepAlive: options.keepConnections, probeCatchAll: !elsewhere });
  } finally {
    if (mine) {
      learning.delete(domain);
      mine.resolve(probe?.catchAll ?? null);
    }
  }
  const catchAll = elsewhere ? await elsewhere : probe.catchAll;
  const learned = !cachedDomain || (cachedDomain.catchAll === null && catchAll !== null);
  return { results: emails.map((e) => result(e, probe.checks.get(e)!, catchAll)), domainWrite: learned ? { facts, catchAll } : null };
}

/** A promise and its resolve (Promise.withResolvers is Node 22). */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Catch-all answers being learnt right now, per verifier (its connections and caps are per process). */
const learningByNet = new WeakMap<VerifierNet, Map<string, Promise<boolean | null>>>();
function catchAllBeingLearnt(net: VerifierNet): Map<string, Promise<boolean | null>> {
  let m = learningByNet.get(net);
  if (!m) learningByNet.set(net, (m = new Map()));
  return m;
}
