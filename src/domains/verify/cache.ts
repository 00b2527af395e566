import { and, eq, gt, inArray, sql } from 'drizzle-orm';
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

/** readCachedDomain for many domains in one query (fresh entries only). */
export async function readCachedDomains(ctx: Ctx, domains: string[]): Promise<Map<string, CachedDomain>> {
  const unique = [...new Set(domains)];
  if (unique.length === 0) return new Map();
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select()
    .from(verifyDomainCache)
    .where(and(inArray(verifyDomainCache.domain, unique), gt(verifyDomainCache.expiresAt, now)));
  return new Map(
    rows.map((row) => {
      const catchAllLive = row.catchAllExpiresAt !== null && row.catchAllExpiresAt > now;
      return [row.domain, { facts: row.facts, catchAll: catchAllLive ? row.catchAll : null }];
    }),
  );
}

/** writeCachedDomain for many domains in one statement (a null catch-all keeps the stored answer). */
export async function writeCachedDomains(ctx: Ctx, entries: Array<{ domain: string } & CachedDomain>): Promise<void> {
  const byDomain = new Map(entries.filter((e) => e.facts.kind !== 'dns_error').map((e) => [e.domain, e]));
  if (byDomain.size === 0) return;
  const expiresAt = later(ctx, ctx.config.verify.domainTtlS);
  const definite = later(ctx, ctx.config.verify.definiteTtlS);
  const rows = [...byDomain.values()].map((e) => ({ domain: e.domain, facts: e.facts, expiresAt, catchAll: e.catchAll, catchAllExpiresAt: e.catchAll === null ? null : definite }));
  await ctx.db
    .insert(verifyDomainCache)
    .values(rows)
    .onConflictDoUpdate({
      target: verifyDomainCache.domain,
      set: {
        facts: sql`excluded.facts`,
        expiresAt: sql`excluded.expires_at`,
        catchAll: sql`coalesce(excluded.catch_all, ${verifyDomainCache.catchAll})`,
        catchAllExpiresAt: sql`case when excluded.catch_all is null then ${verifyDomainCache.catchAllExpiresAt} else excluded.catch_all_expires_at end`,
      },
    });
}

export async function readCachedResults(ctx: Ctx, emails: string[]): Promise<Map<string, VerifyResult>> {
  const unique = [...new Set(emails)];
  const found = new Map<string, VerifyResult>();
  // 10,000 addresses per query: far below the bind-parameter limit.
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await ctx.db
      .select({ email: verifyResultCache.email, result: verifyResultCache.result })
      .from(verifyResultCache)
      .where(and(inArray(verifyResultCache.email, unique.slice(i, i + 10_000)), gt(verifyResultCache.expiresAt, ctx.clock.now())));
    for (const r of rows) found.set(r.email, r.result);
  }
  return found;
}

/** Results of a full verification: definite ones for 30 days (setting), unknown ones for 1 day. */
export async function writeCachedResults(ctx: Ctx, results: VerifyResult[]): Promise<void> {
  const byEmail = new Map(results.map((r) => [r.email, r]));
  if (byEmail.size === 0) return;
  const now = ctx.clock.now();
  const rows = [...byEmail.values()].map((result) => {
    const ttl = result.status === 'unknown' ? ctx.config.verify.unknownTtlS : ctx.config.verify.definiteTtlS;
    return { email: result.email, result, checkedAt: now, expiresAt: later(ctx, ttl) };
  });
  // One statement per 1,000 rows (4 parameters each: far below the bind-parameter limit).
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.db
      .insert(verifyResultCache)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: verifyResultCache.email,
        set: { result: sql`excluded.result`, checkedAt: sql`excluded.checked_at`, expiresAt: sql`excluded.expires_at` },
      });
  }
}
