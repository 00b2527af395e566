import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { DomainFacts } from './domain-facts.js';
import type { VerifyResult } from './types.js';
import { verifyDomainCache, verifyResultCache } from './verify.tables.js';

export interface CachedDomain {
  facts: DomainFacts;
  catchAll: boolean | null;
}

const later = (ctx: Ctx, seconds: number) => new Date(ctx.clock.now().getTime() + seconds * 1000);

export async function readCachedDomain(ctx: Ctx, domain: string): Promise<CachedDomain | null> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .select()
    .from(verifyDomainCache)
    .where(and(eq(verifyDomainCache.domain, domain), gt(verifyDomainCache.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const catchAllLive = row.catchAllExpiresAt !== null && row.catchAllExpiresAt > now;
  return { facts: row.facts, catchAll: catchAllLive ? row.catchAll : null };
}

/** DNS facts (not DNS errors) for the domain TTL; a definite catch-all answer for the definite-result TTL. */
export async function writeCachedDomain(ctx: Ctx, domain: string, facts: DomainFacts, catchAll: boolean | null): Promise<void> {
  if (facts.kind === 'dns_error') return;
  const expiresAt = later(ctx, ctx.config.verify.domainTtlS);
  const catchAllExpiresAt = catchAll === null ? null : later(ctx, ctx.config.verify.definiteTtlS);
  await ctx.db
    .insert(verifyDomainCache)
    .values({ domain, facts, expiresAt, catchAll, catchAllExpiresAt })
    .onConflictDoUpdate({
      target: verifyDomainCache.domain,
      set: catchAll === null ? { facts, expiresAt } : { facts, expiresAt, catchAll, catchAllExpiresAt },
    });
}

export async function readCachedResults(ctx: Ctx, emails: string[]): Promise<Map<string, VerifyResult>> {
  if (emails.length === 0) return new Map();
  const rows = await ctx.db
    .select({ email: verifyResultCache.email, result: verifyResultCache.result })
    .from(verifyResultCache)
    .where(and(inArray(verifyResultCache.email, [...new Set(emails)]), gt(verifyResultCache.expiresAt, ctx.clock.now())));
  return new Map(rows.map((r) => [r.email, r.result]));
}

/** Results of a full verification: definite ones for 30 days (setting), unknown ones for 1 day. */
export async function writeCachedResults(ctx: Ctx, results: VerifyResult[]): Promise<void> {
  const seen = new Set<string>();
  for (const result of results) {
    if (seen.has(result.email)) continue;
    seen.add(result.email);
    const ttl = result.status === 'unknown' ? ctx.config.verify.unknownTtlS : ctx.config.verify.definiteTtlS;
    const values = { email: result.email, result, checkedAt: ctx.clock.now(), expiresAt: later(ctx, ttl) };
    await ctx.db.insert(verifyResultCache).values(values).onConflictDoUpdate({ target: verifyResultCache.email, set: values });
  }
}
