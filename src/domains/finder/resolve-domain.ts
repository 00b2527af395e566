import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { companyMatchKey, leads, normalizeDomain, normalizeWebsite } from '../leads/index.js';
import { lookupDomainFacts, readCachedDomain, readCachedDomains, writeCachedDomain, writeCachedDomains, type DomainFacts, type VerifierNet } from '../verify/index.js';

export interface CompanyInput {
  domain?: string | null;
  website?: string | null;
  company?: string | null;
}

/** How the domain was chosen, reported with every result. */
export type DomainSource = 'given' | 'website' | 'workspace' | 'guessed';

export type ResolvedDomain =
  | { ok: true; domain: string; source: DomainSource; facts: DomainFacts; catchAll: boolean | null }
  | { ok: false; domain: string | null; source: DomainSource | null; reason: 'no_domain' | 'domain_not_found' | 'no_mail_server' | 'dns_error' };

/** TLDs tried, in order, for a domain guessed from a company name. */
const GUESS_TLDS = ['com', 'io', 'co', 'net', 'org', 'ai'];

/** A domain's DNS facts and catch-all answer, from the verifier's shared cache when fresh. */
export async function domainFacts(ctx: Ctx, net: VerifierNet, domain: string): Promise<{ facts: DomainFacts; catchAll: boolean | null }> {
  const cached = await readCachedDomain(ctx, domain);
  if (cached) return cached;
  const facts = await lookupDomainFacts(net.dns, domain);
  await writeCachedDomain(ctx, domain, facts, null);
  return { facts, catchAll: null };
}

/**
 * The mail domain of a company: a given domain or website as is; otherwise the domain the
 * workspace's own leads at that company use most; otherwise names derived from the company
 * ("Acme Robotics GmbH" → acmerobotics.com, acme-robotics.com, acme.com, then other TLDs)
 * checked in DNS for a mail server.
 */
export async function resolveDomain(ctx: Ctx, net: VerifierNet, input: CompanyInput): Promise<ResolvedDomain> {
  const explicit = explicitDomain(input);
  if (explicit) return checked(ctx, net, explicit.domain, explicit.source);
  if (!input.company?.trim()) return { ok: false, domain: null, source: null, reason: 'no_domain' };

  const known = await workspaceDomainOf(ctx, input.company);
  if (known) return checked(ctx, net, known, 'workspace');

  let last: ResolvedDomain = { ok: false, domain: null, source: 'guessed', reason: 'no_domain' };
  for (const domain of guessDomains(input.company)) {
    last = await checked(ctx, net, domain, 'guessed');
    if (last.ok) return last;
  }
  return last;
}

/** DNS lookups at once when resolving many domains. */
const LOOKUP_CONCURRENCY = 32;

/**
 * resolveDomain for many inputs: the given domains and websites are read from the cache in one
 * query, the missing ones looked up in DNS side by side and written back in one statement;
 * company names go through resolveDomain one distinct name at a time.
 */
export async function resolveDomains(ctx: Ctx, net: VerifierNet, inputs: CompanyInput[]): Promise<ResolvedDomain[]> {
  const explicit = inputs.map(explicitDomain);
  const wanted = [...new Set(explicit.flatMap((e) => (e ? [e.domain] : [])))];
  const known = await readCachedDomains(ctx, wanted);
  const missing = wanted.filter((d) => !known.has(d));
  const looked: Array<{ domain: string; facts: DomainFacts; catchAll: null }> = [];
  const queue = [...missing];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) looked.push({ domain: d, facts: await lookupDomainFacts(net.dns, d), catchAll: null });
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
  await writeCachedDomains(ctx, looked);
  for (const l of looked) known.set(l.domain, l);

  const byCompany = new Map<string, Promise<ResolvedDomain>>();
  return Promise.all(
    inputs.map((input, i) => {
      const e = explicit[i];
      if (e) return verdictFor(e.domain, e.source, known.get(e.domain)!);
      const key = input.company?.trim().toLowerCase() ?? '';
      if (!byCompany.has(key)) byCompany.set(key, resolveDomain(ctx, net, { company: input.company }));
      return byCompany.get(key)!;
    }),
  );
}

function verdictFor(domain: string, source: DomainSource, cached: { facts: DomainFacts; catchAll: boolean | null }): ResolvedDomain {
  const { facts, catchAll } = cached;
  if (facts.kind === 'mail') return { ok: true, domain, source, facts, catchAll };
  const reason = facts.kind === 'not_found' ? 'domain_not_found' : facts.kind === 'no_mail_server' ? 'no_mail_server' : 'dns_error';
  return { ok: false, domain, source, reason };
}

function explicitDomain(input: CompanyInput): { domain: string; source: DomainSource } | null {
  if (input.domain?.trim()) {
    const d = normalizeDomain(input.domain);
    if (d.ok) return { domain: d.domain, source: 'given' };
  }
  if (input.website?.trim()) {
    const w = normalizeWebsite(input.website);
    if (w.ok) return { domain: w.domain, source: 'website' };
  }
  return null;
}

async function checked(ctx: Ctx, net: VerifierNet, domain: string, source: DomainSource): Promise<ResolvedDomain> {
  return verdictFor(domain, source, await domainFacts(ctx, net, domain));
}

async function workspaceDomainOf(ctx: Ctx, company: string): Promise<string | null> {
  const key = companyMatchKey(company);
  if (!key || !ctx.workspaceId) return null;
  const [row] = await ctx.db
    .select({ domain: leads.companyDomain, n: count() })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.companyNormalized, key), isNotNull(leads.companyDomain), isNull(leads.deletedAt)))
    .groupBy(leads.companyDomain)
    .orderBy(desc(count()))
    .limit(1);
  return row?.domain ?? null;
}

/** Candidate domains for a company name, most likely first (pure). */
export function guessDomains(company: string): string[] {
  const words = companyMatchKey(company)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9-]/g, ''))
    .filter(Boolean);
  if (words.length === 0) return [];
  const stems = [...new Set([words.join(''), words.join('-'), words[0]!])].filter((s) => s.length >= 2);
  const out: string[] = [];
  for (const tld of GUESS_TLDS) for (const stem of stems) out.push(`${stem}.${tld}`);
  return [...new Set(out)].slice(0, 12);
}
