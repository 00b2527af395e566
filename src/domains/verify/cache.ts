import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows, tsParam } from '../../core/db.js';
import type { DomainFacts } from './domain-facts.js';
import type { VerifyResult } from './types.js';
import { verifyDomainCache } from './verify.tables.js';

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

// The address lists of a bulk chunk (1,000 and more) go as one JSON parameter: as thousands of
// bind parameters, building and sending them cost more than the queries (bench verify-throughput).

export async function readCachedResults(ctx: Ctx, emails: string[]): Promise<Map<string, VerifyResult>> {
  const unique = [...new Set(emails)];
  const found = new Map<string, VerifyResult>();
  if (unique.length === 0) return found;
  const rows = await queryRows<{ email: string; result: VerifyResult | string }>(
    ctx.db,
    // One primary-key probe per address (LATERAL): linear whatever the cache's size, with or
    // without table statistics.
    sql`select c.email, c.result
          from jsonb_array_elements_text(${JSON.stringify(unique)}::jsonb) as k(email)
          join lateral (select email, result from verify_result_cache
                         where email = k.email and expires_at > ${tsParam(ctx.clock.now())}) c on true`,
  );
  for (const r of rows) found.set(r.email, typeof r.result === 'string' ? (JSON.parse(r.result) as VerifyResult) : r.result);
  return found;
}

/** Results of a full verification: definite ones for 30 days (setting), unknown ones for 1 day. */
export async function writeCachedResults(ctx: Ctx, results: VerifyResult[]): Promise<void> {
  const byEmail = new Map(results.map((r) => [r.email, r]));
  if (byEmail.size === 0) return;
  const now = ctx.clock.now();
  const rows = [...byEmail.values()].map((result) => ({
    email: result.email,
    result,
    ttl: result.status === 'unknown' ? ctx.config.verify.unknownTtlS : ctx.config.verify.definiteTtlS,
  }));
  await ctx.db.execute(sql`
    insert into verify_result_cache (email, result, checked_at, expires_at)
    select r.email, r.result, ${tsParam(now)}, ${tsParam(now)} + make_interval(secs => r.ttl)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(email text, result jsonb, ttl int)
    on conflict (email) do update set result = excluded.result, checked_at = excluded.checked_at, expires_at = excluded.expires_at`);
}
