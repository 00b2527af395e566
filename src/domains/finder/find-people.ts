import type { Ctx } from '../../core/context.js';
import { writeCachedDomains, writeCachedResults, type VerifierNet } from '../verify/index.js';
import { DomainSession } from './domain-session.js';
import { learnedPatternsFor, recordManyPatternHits } from './domain-patterns.js';
import { nameKeys, type PersonName } from './name-keys.js';
import { PATTERNS } from './patterns.js';
import { resolveDomains, type CompanyInput, type ResolvedDomain } from './resolve-domain.js';
import type { FindResult } from './types.js';

export interface PersonInput extends PersonName, CompanyInput {}

export interface FindOptions {
  skipSmtp?: boolean;
  /** Results under this confidence are reported as not found (and not charged). */
  minConfidence?: number;
  maxCandidates?: number;
  /** Domains worked on at once (each domain's connections are capped by the verifier). */
  domainConcurrency?: number;
}

/** Every known pattern: the first person at a new domain may use a rare one. */
const DEFAULT_MAX_CANDIDATES = PATTERNS.length;
/** Domains are independent mail hosts: many can be asked at once (each within its own cap). */
const DEFAULT_DOMAIN_CONCURRENCY = 100;

/**
 * Finds the addresses of several people (one result per input, in input order). People are
 * grouped by their resolved domain so that each domain's MX, catch-all answer and pattern are
 * looked up once and what the first person teaches serves the next.
 */
export async function findPeople(ctx: Ctx, net: VerifierNet, people: PersonInput[], options: FindOptions = {}): Promise<FindResult[]> {
  const results: FindResult[] = new Array(people.length);
  const groups = new Map<string, { resolution: Extract<ResolvedDomain, { ok: true }>; indices: number[] }>();
  const resolutions = await resolveDomains(ctx, net, people);
  for (const [i, resolution] of resolutions.entries()) {
    if (!resolution.ok) {
      results[i] = notFound(resolution.reason, resolution.domain, resolution.source);
      continue;
    }
    const group = groups.get(resolution.domain) ?? { resolution, indices: [] };
    group.indices.push(i);
    groups.set(resolution.domain, group);
  }

  const patterns = await learnedPatternsFor(ctx, [...groups.keys()]);
  const sessions: DomainSession[] = [];
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      const { resolution } = group;
      if (resolution.facts.kind !== 'mail') continue;
      const session = new DomainSession(ctx, net, resolution.domain, resolution.source, resolution.facts, resolution.catchAll, patterns.get(resolution.domain) ?? [], {
        skipSmtp: options.skipSmtp ?? false,
        maxCandidates: options.maxCandidates ?? DEFAULT_MAX_CANDIDATES,
        connections: ctx.config.verify.maxConnectionsPerHost,
      });
      const named: Array<{ index: number; keys: NonNullable<ReturnType<typeof nameKeys>> }> = [];
      for (const i of group.indices) {
        const keys = nameKeys(people[i]!);
        if (keys) named.push({ index: i, keys });
        else results[i] = notFound('name_missing', resolution.domain, resolution.source);
      }
      sessions.push(session);
      const found = await session.findAll(named.map((n) => ({ keys: n.keys, name: people[n.index]! })));
      named.forEach((n, k) => (results[n.index] = found[k]!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.domainConcurrency ?? DEFAULT_DOMAIN_CONCURRENCY, queue.length) }, worker));
  await saveLearnt(ctx, sessions);
  return results.map((r) => applyMinConfidence(r, options.minConfidence ?? 0));
}

/** What every session learnt, in three statements whatever the number of domains. */
async function saveLearnt(ctx: Ctx, sessions: DomainSession[]) {
  const learnt = sessions.map((s) => ({ session: s, ...s.learnt() }));
  await writeCachedResults(ctx, learnt.flatMap((l) => l.results));
  await recordManyPatternHits(
    ctx,
    learnt.flatMap((l) => [...l.hits.entries()].map(([pattern, hits]) => ({ domain: l.session.domain, pattern, hits }))),
  );
  await writeCachedDomains(
    ctx,
    learnt.flatMap((l) => (l.catchAll === null ? [] : [{ domain: l.session.domain, facts: l.session.facts, catchAll: l.catchAll }])),
  );
}


function notFound(reason: FindResult['reason'], domain: string | null, domainSource: FindResult['domainSource']): FindResult {
  return { email: null, status: 'not_found', reason, confidence: 0, pattern: null, domain, domainSource, candidatesChecked: [], smtpProbes: 0, verification: null };
}

function applyMinConfidence(r: FindResult, min: number): FindResult {
  if (r.email === null || r.confidence >= min) return r;
  return { ...r, email: null, status: 'not_found', reason: 'below_min_confidence', verification: null };
}
