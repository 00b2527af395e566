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
describe('counts of segmentation fields', () => {
  let t: TestApp;
  let ctx: Ctx;
  let other: Ctx;

  const filter = (field: string, op: string, value: unknown) => ({ filter: { field, op, value } });

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    const stranger = await createUserWithWorkspace(t);
    ctx = userCtx(t, owner.workspaceId, owner.id);
    other = userCtx(t, stranger.workspaceId, stranger.id);
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

  const plan = async (field: string, op: 'eq' | 'in' | 'contains' | 'starts_with', value: unknown) => {
    const resolved = await resolveLeadQuery(ctx, leadQuerySchema.parse(filter(field, op, value)));
    // Other ways through the table ruled out: the question is whether this index can serve the count.
    return withPlannerSettings(ctx, { enable_seqscan: 'off' }, async (c) => {
      await c.db.execute(sql`select set_config('enable_bitmapscan', 'off', true)`);
      const rows = await queryRows<Record<string, string>>(c.db, sql`explain ${leadCountSql(resolved.where)}`);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
  };

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
