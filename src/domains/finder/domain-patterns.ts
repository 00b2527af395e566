import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../core/db.js';
import type { Ctx } from '../../core/context.js';
import { finderDomainPatterns } from './finder.tables.js';
import { nameKeys, type PersonName } from './name-keys.js';
import { PATTERN_IDS, patternsOf, type PatternId } from './patterns.js';

export interface LearnedPattern {
  pattern: PatternId;
  /** Verified addresses (or workspace addresses) that showed it. */
  hits: number;
}

/** How many of the workspace's addresses at a domain are read to infer its pattern. */
const LEADS_SAMPLE = 200;

/**
 * The domain's patterns by evidence: what the finder recorded, plus what the workspace's own
 * leads at that domain show (imported, found or verified addresses with a name). Most hits first.
 */
export async function learnedPatterns(ctx: Ctx, domain: string): Promise<LearnedPattern[]> {
  return (await learnedPatternsFor(ctx, [domain])).get(domain) ?? [];
}

/** learnedPatterns of many domains in two queries. */
export async function learnedPatternsFor(ctx: Ctx, domains: string[]): Promise<Map<string, LearnedPattern[]>> {
  const out = new Map<string, Map<PatternId, number>>(domains.map((d) => [d, new Map()]));
  // Without a workspace (the operator's command line) nothing is remembered between runs.
  if (!ctx.workspaceId || domains.length === 0) return new Map();
  const workspaceId = ctx.workspaceId;
  const add = (domain: string, pattern: PatternId, n: number) => {
    const counts = out.get(domain);
    if (counts) counts.set(pattern, (counts.get(pattern) ?? 0) + n);
  };
  const recorded = await ctx.db
    .select({ domain: finderDomainPatterns.domain, pattern: finderDomainPatterns.pattern, hits: finderDomainPatterns.hits })
    .from(finderDomainPatterns)
    .where(and(eq(finderDomainPatterns.workspaceId, workspaceId), inArray(finderDomainPatterns.domain, domains)));
  for (const r of recorded) if (isPattern(r.pattern)) add(r.domain, r.pattern, r.hits);

  const people = await queryRows<{ domain: string; email: string; first_name: string | null; last_name: string | null; full_name: string | null }>(
    ctx.db,
    sql`select domain, email, first_name, last_name, full_name from (
          select split_part(email_normalized, '@', 2) as domain, email_normalized as email, first_name, last_name, full_name,
                 row_number() over (partition by split_part(email_normalized, '@', 2)) as n
            from leads
           where workspace_id = ${workspaceId}::uuid and deleted_at is null
             and split_part(email_normalized, '@', 2) in (${sql.join(domains.map((d) => sql`${d}`), sql`, `)})
        ) sample where n <= ${LEADS_SAMPLE}::int`,
  );
  for (const p of people) {
    for (const pattern of patternsOfAddress(p.email, { firstName: p.first_name, lastName: p.last_name, fullName: p.full_name })) add(p.domain, pattern, 1);
  }
  return new Map(
    [...out.entries()].map(([domain, counts]) => [
      domain,
      [...counts.entries()]
        .map(([pattern, hits]) => ({ pattern, hits }))
        .sort((a, b) => b.hits - a.hits || PATTERN_IDS.indexOf(a.pattern) - PATTERN_IDS.indexOf(b.pattern)),
    ]),
  );
}

/**
 * Teaches the workspace a domain's pattern from a verified address and its owner's name. A
 * short name can fit several patterns; every fitting pattern gets the hit, so ties resolve by
 * prior. Returns the patterns it fits.
 */
export async function learnFromAddress(ctx: Ctx, email: string, name: PersonName): Promise<PatternId[]> {
  const domain = email.split('@')[1]?.toLowerCase();
  const found = patternsOfAddress(email, name);
  if (domain) await recordPatternHits(ctx, domain, new Map(found.map((p) => [p, 1])));
  return found;
}

/** Adds hits to a domain's patterns in one statement (what a finder session learnt). */
export async function recordPatternHits(ctx: Ctx, domain: string, hits: Map<PatternId, number>): Promise<void> {
  await recordManyPatternHits(ctx, [...hits.entries()].map(([pattern, n]) => ({ domain, pattern, hits: n })));
}

/** Adds hits to the patterns of several domains in one statement. */
export async function recordManyPatternHits(ctx: Ctx, hits: Array<{ domain: string; pattern: PatternId; hits: number }>): Promise<void> {
  if (!ctx.workspaceId || hits.length === 0) return;
  const workspaceId = ctx.workspaceId;
  const now = ctx.clock.now();
  await ctx.db
    .insert(finderDomainPatterns)
    .values(hits.map((h) => ({ workspaceId, domain: h.domain, pattern: h.pattern, hits: h.hits, lastSeenAt: now })))
    .onConflictDoUpdate({
      target: [finderDomainPatterns.workspaceId, finderDomainPatterns.domain, finderDomainPatterns.pattern],
      set: { hits: sql`${finderDomainPatterns.hits} + excluded.hits`, lastSeenAt: now },
    });
}

function patternsOfAddress(email: string, name: PersonName): PatternId[] {
  const keys = nameKeys(name);
  const local = email.split('@')[0];
  return keys && local ? patternsOf(local, keys) : [];
}

const isPattern = (p: string): p is PatternId => (PATTERN_IDS as string[]).includes(p);
