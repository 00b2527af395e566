import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { leadCountSql } from '../../src/domains/leads/count-leads.js';
import { countLeads, createLead, deleteLead } from '../../src/domains/leads/index.js';
import { resolveLeadQuery, leadQuerySchema } from '../../src/domains/leads/lead-query.js';
import { COUNT_INDEXED_FIELDS } from '../../src/domains/leads/leads.tables.js';
import { withPlannerSettings } from '../../src/domains/leads/workspace-scan.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

/**
 * Counts of eq / in on the segmentation fields are served by their count indexes
 * (leads.tables.ts): at 1M leads a count of city = paris is an index-only scan (~13 ms) instead of
 * reading every lead of the workspace (~700 ms). These tests hold the filter's SQL and the
 * indexes together: an index whose expression no longer matches what the filter compiles to is
 * silently never used.
 */
/** A test app with two workspaces: `ctx` acts in the owner's, `other` in a stranger's. */
async function twoWorkspaces() {
  const t = await createTestApp();
  const owner = await createUserWithWorkspace(t);
  const stranger = await createUserWithWorkspace(t);
  return { t, owner, stranger, ctx: userCtx(t, owner.workspaceId, owner.id), other: userCtx(t, stranger.workspaceId, stranger.id) };
}

/** The plan of a count, other ways through the table ruled out: the question is whether an index can serve it. */
async function countPlan(ctx: Ctx, query: Record<string, unknown>): Promise<string> {
  const resolved = await resolveLeadQuery(ctx, leadQuerySchema.parse(query));
  return withPlannerSettings(ctx, { enable_seqscan: 'off' }, async (c) => {
    await c.db.execute(sql`select set_config('enable_bitmapscan', 'off', true)`);
    const rows = await queryRows<Record<string, string>>(c.db, sql`explain ${leadCountSql(resolved.where)}`);
    return rows.map((r) => Object.values(r)[0]).join('\n');
  });
}

describe('counts of segmentation fields', () => {
  let t: TestApp;
  let ctx: Ctx;
  let other: Ctx;

  const filter = (field: string, op: string, value: unknown) => ({ filter: { field, op, value } });

  beforeAll(async () => {
    const w = await twoWorkspaces();
    ({ t, ctx, other } = w);
    const { owner, stranger } = w;
    for (const city of ['Paris', 'paris', 'PARIS', 'London', 'Lyon']) await createLead(ctx, { full_name: `Someone in ${city}`, city, title: 'CEO', country: 'France' });
    await createLead(ctx, { full_name: 'Nowhere Person', title: 'cto' });
    const gone = await createLead(ctx, { full_name: 'Deleted Parisian', city: 'Paris', title: 'CEO' });
    await deleteLead(ctx, gone.id);
    await createLead(other, { full_name: 'Other Parisian', city: 'Paris', title: 'CEO' });
    // Rows enough for the planner to weigh indexes; the same shape on every field (bypassing the verbs: only the plan is looked at).
    await t.ctx().db.execute(sql`
      insert into leads (workspace_id, city, state, country, title, industry, seniority, department, lead_source, company)
      select w, v, v, v, v, v, v, v, v, v
        from (values (${owner.workspaceId}::uuid), (${stranger.workspaceId}::uuid)) ws(w),
             lateral (select 'Value ' || (g % 50) as v from generate_series(1, 2000) g) s`);
    // Statistics and the visibility map, as after VACUUM: what lets PostgreSQL plan index-only scans.
    await t.ctx().db.execute(sql`vacuum analyze leads`);
  });
  afterAll(async () => t.close());

  it('counts eq and in ignoring case, without deleted leads or another workspace’s', async () => {
    expect(await countLeads(ctx, filter('city', 'eq', 'paris'))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter('city', 'in', ['PARIS', 'lyon']))).toEqual({ count: 4, capped: false });
    expect(await countLeads(ctx, filter('title', 'eq', 'ceo'))).toEqual({ count: 5, capped: false });
    expect(await countLeads(other, filter('city', 'eq', 'Paris'))).toEqual({ count: 1, capped: false });
    // Filters the count indexes do not serve still count right (a scan).
    expect(await countLeads(ctx, filter('city', 'contains', 'ari'))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter('city', 'contains', 'ARI'))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter('city', 'starts_with', 'pAr'))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter('city', 'is_empty', undefined))).toEqual({ count: 1, capped: false });
  });

  const plan = (field: string, op: 'eq' | 'in' | 'contains' | 'starts_with', value: unknown) => countPlan(ctx, filter(field, op, value));

  it.each(COUNT_INDEXED_FIELDS)('plans a count of %s as an index-only scan of its count index', async (field) => {
    // The value is looked up in the index (Index Cond), not compared on every entry of the workspace (Filter).
    const eqPlan = await plan(field, 'eq', 'VALUE 7');
    expect(eqPlan, eqPlan).toMatch(new RegExp(`Index Only Scan using leads_${field}_count_idx[^\\n]*\\n\\s*Index Cond: .*lower\\(${field}\\)\\)? = 'value 7'`));
    const inPlan = await plan(field, 'in', ['Value 7', 'value 8']);
    expect(inPlan, inPlan).toMatch(new RegExp(`Index Only Scan using leads_${field}_count_idx[^\\n]*\\n\\s*Index Cond: .*lower\\(${field}\\)\\)? = ANY`));
  });

  it.each(COUNT_INDEXED_FIELDS)('plans a count of %s contains / starts_with from its count index, on the lower-cased values it holds', async (field) => {
    // lower(field) LIKE: the index holds lower(field), so no value is lower-cased and no row visited.
    for (const [op, pattern] of [['contains', '%alue 7%'], ['starts_with', 'value 7%']] as const) {
      const p = await plan(field, op, op === 'contains' ? 'ALUE 7' : 'Value 7');
      expect(p, p).toMatch(new RegExp(`Index Only Scan using leads_${field}_count_idx[^\\n]*\\n(\\s*Index Cond: [^\\n]*\\n)?\\s*Filter: \\(\\(?lower\\(${field}\\)\\)? ~~ '${pattern}'`));
    }
  });
});

/**
 * Counts of email status, has / hasn't an email, has / hasn't a phone: index-only scans of
 * their partial indexes (leads.tables.ts). The filters must state exactly what the indexes'
 * predicates state, or PostgreSQL cannot prove the index covers the leads counted.
 */
describe('counts of reachability filters', () => {
  let t: TestApp;
  let ctx: Ctx;
  let other: Ctx;
  const filter = (f: Record<string, unknown>) => ({ filter: f });

  beforeAll(async () => {
    const w = await twoWorkspaces();
    ({ t, ctx, other } = w);
    const { stranger } = w;
    const valid = await createLead(ctx, { full_name: 'Ada Valid', email: 'ada@example.com', phone: '+1 415 555 0100', country: 'US' });
    const risky = await createLead(ctx, { full_name: 'Bob Risky', email: 'bob@example.com', mobile_phone: '+33 6 12 34 56 78' });
    await createLead(ctx, { full_name: 'Cy Flagged', email: 'not an email', phone: 'call me' }); // both flagged: neither counts
    await createLead(ctx, { full_name: 'Di Nothing' });
    await createLead(ctx, { full_name: 'Ed Unverified', email: 'ed@example.com' });
    const gone = await createLead(ctx, { full_name: 'Gone Valid', email: 'gone@example.com', phone: '+1 415 555 0101', country: 'US' });
    await deleteLead(ctx, gone.id);
    await createLead(other, { full_name: 'Other Valid', email: 'other@example.com', phone: '+1 415 555 0102', country: 'US' });
    for (const [id, status] of [[valid.id, 'valid'], [risky.id, 'risky'], [gone.id, 'valid']] as const) {
      await t.ctx().db.execute(sql`update leads set email_status = ${status} where id = ${id}::uuid`);
    }
    await t.ctx().db.execute(sql`update leads set email_status = 'valid' where workspace_id = ${stranger.workspaceId}::uuid`);
    await t.ctx().db.execute(sql`
      insert into leads (workspace_id, email, email_normalized, phone, email_status)
      select ${stranger.workspaceId}::uuid, 'p' || g || '@filler.com', case when g % 3 > 0 then 'p' || g || '@filler.com' end, case when g % 2 = 0 then '+1415555' || g end,
             (array['valid', 'invalid', 'risky', 'unknown', null])[1 + g % 5]
        from generate_series(1, 2000) g`);
    await t.ctx().db.execute(sql`vacuum analyze leads`);
  });
  afterAll(async () => t.close());

  it('counts them right, without deleted leads or another workspace’s', async () => {
    expect(await countLeads(ctx, filter({ field: 'email_status', op: 'eq', value: 'valid' }))).toEqual({ count: 1, capped: false });
    expect(await countLeads(ctx, filter({ field: 'email_status', op: 'in', value: ['valid', 'risky'] }))).toEqual({ count: 2, capped: false });
    expect(await countLeads(ctx, filter({ field: 'email_status', op: 'is_empty' }))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter({ field: 'has_email', op: 'eq', value: true }))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, { has_email: 'true' })).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter({ field: 'has_email', op: 'eq', value: false }))).toEqual({ count: 2, capped: false });
    expect(await countLeads(ctx, { has_email: 'false' })).toEqual({ count: 2, capped: false });
    expect(await countLeads(ctx, filter({ field: 'has_phone', op: 'eq', value: true }))).toEqual({ count: 2, capped: false });
    expect(await countLeads(ctx, filter({ field: 'has_phone', op: 'neq', value: true }))).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, filter({ and: [{ field: 'has_email', op: 'eq', value: true }, { field: 'email_status', op: 'eq', value: 'valid' }] }))).toEqual({ count: 1, capped: false });
  });

  it('knows how many leads have a phone (statistics of the phone flags, migration 0005)', async () => {
    // Without them PostgreSQL guessed ~0.2 % and read a page of "has a phone" through the partial index (1.3 s at 1M).
    const resolved = await resolveLeadQuery(other, leadQuerySchema.parse(filter({ field: 'has_phone', op: 'eq', value: true })));
    const [row] = await queryRows<Record<string, unknown>>(t.ctx().db, sql`explain (format json) select * from leads where ${resolved.where}`);
    const estimated = (Object.values(row!)[0] as [{ Plan: { 'Plan Rows': number } }])[0].Plan['Plan Rows'];
    const actual = (await countLeads(other, filter({ field: 'has_phone', op: 'eq', value: true }))).count;
    expect(actual).toBe(1001);
    expect(estimated).toBeGreaterThan(actual / 3);
  });

  it.each([
    ['email_status = valid', filter({ field: 'email_status', op: 'eq', value: 'valid' }), 'leads_email_status_count_idx'],
    ['email_status is empty', filter({ field: 'email_status', op: 'is_empty' }), 'leads_email_status_count_idx'],
    ['has_email (filter)', filter({ field: 'has_email', op: 'eq', value: true }), 'leads_with_email_idx'],
    ['has_email (parameter)', { has_email: 'true' }, 'leads_with_email_idx'],
    ['has_email and email_status = valid', filter({ and: [{ field: 'has_email', op: 'eq', value: true }, { field: 'email_status', op: 'eq', value: 'valid' }] }), 'leads_with_email_idx'],
    ['no email (filter)', filter({ field: 'has_email', op: 'eq', value: false }), 'leads_without_email_idx'],
    ['no email (parameter)', { has_email: 'false' }, 'leads_without_email_idx'],
    ['has_phone', filter({ field: 'has_phone', op: 'eq', value: true }), 'leads_with_phone_idx'],
    ['no phone', filter({ field: 'has_phone', op: 'eq', value: false }), 'leads_without_phone_idx'],
  ])('plans a count of %s as an index-only scan of %s', async (_label, query, index) => {
    const p = await countPlan(ctx, query);
    expect(p, p).toMatch(new RegExp(`Index Only Scan using ${index} on leads`));
    expect(p, p).not.toMatch(/Filter:/);
  });
});
