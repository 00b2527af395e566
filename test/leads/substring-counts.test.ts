import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { MIGRATIONS_DIR } from '../../src/adapters/db/migrate.js';
import { leadCountSql } from '../../src/domains/leads/count-leads.js';
import { countLeads, createLead, deleteLead } from '../../src/domains/leads/index.js';
import { leadQuerySchema, resolveLeadQuery } from '../../src/domains/leads/lead-query.js';
import { likeEscape } from '../../src/domains/leads/like-escape.js';
import { withPlannerSettings } from '../../src/domains/leads/workspace-scan.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

/**
 * contains / starts_with on email, full name and company domain count through the
 * trigram index of search_text (search-text-prefilter.ts): that condition may only ever let
 * through more leads than the filter matches, never fewer. These tests compare every count with
 * the filter's exact condition alone, on values where folding and lower-casing part ways.
 */
describe('substring counts through search_text', () => {
  let t: TestApp;
  let ctx: Ctx;
  let workspaceId: string;

  const FIELDS = { email: 'email', first_name: 'first_name', last_name: 'last_name', full_name: 'full_name', company: 'company', company_domain: 'company_domain' } as const;
  const filter = (field: string, op: string, value: unknown) => ({ filter: { field, op, value } });
  /** The filter's exact condition alone, as PostgreSQL evaluates it. */
  const exactCount = async (column: string, pattern: string) => {
    const [row] = await queryRows<{ n: number }>(
      t.ctx().db,
      sql`select count(*)::int as n from leads where workspace_id = ${workspaceId}::uuid and deleted_at is null and lower(${sql.identifier(column)}) like lower(${pattern}::text)`,
    );
    return row!.n;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    const stranger = await createUserWithWorkspace(t);
    workspaceId = owner.workspaceId;
    ctx = userCtx(t, owner.workspaceId, owner.id);
    const other = userCtx(t, stranger.workspaceId, stranger.id);
    const people: [string, string, string, string][] = [
      ['Ada Lovelace', 'ada@acmelabs.com', 'Acme Labs, Inc.', 'acmelabs.com'],
      ['ADA BYRON', 'Ada.Byron@ACME-LABS.io', 'ACME LABS GmbH', 'ACME-LABS.io'],
      ['José Núñez', 'jose@zurich-lab.ch', 'Zürich Lab AG', 'zurich-lab.ch'],
      ['Hans Straße', 'hans@strasse.de', 'Straße Labor', 'strasse.de'],
      ['\u212Aelvin Smith', 'kelvin@kelvin.com', '\u212Aelvin Labs', 'kelvin.com'],
      ['İsmail Kaya', 'ismail@istanbul.com.tr', 'İstanbul Lab', 'istanbul.com.tr'],
      ['Ann  Lee', 'ann_lee@50%off.com', '50%_off Collaboration Co', '50off.com'],
      ['Bob Lab', 'bob@globex.com', 'Globex', 'globex.com'],
    ];
    for (const [full_name, email, company, company_domain] of people) await createLead(ctx, { full_name, email, company, company_domain });
    // First and last names given apart from a full name that differs.
    await createLead(ctx, { full_name: 'Bob Labbé', first_name: 'Robert', last_name: 'Labbé-Kelvin', email: 'bob@labbe.fr' });
    await createLead(ctx, { full_name: 'Zoe Q', first_name: 'Zoë', last_name: 'Collabo', email: 'zoe@q.io' });
    const gone = await createLead(ctx, { full_name: 'Deleted Labs', email: 'gone@acmelabs.com', company: 'Acme Labs' });
    await deleteLead(ctx, gone.id);
    await createLead(other, { full_name: 'Other Lab', email: 'other@acmelabs.com', company: 'Acme Labs', company_domain: 'acmelabs.com' });
    // Rows enough for the planner to weigh the trigram index (bypassing the verbs: search_text as they would write it).
    await t.ctx().db.execute(sql`
      insert into leads (workspace_id, email, full_name, company, company_domain, search_text)
      select ${workspaceId}::uuid, 'p' || g || '@filler' || (g % 50) || '.com', 'Person ' || g, 'Filler ' || (g % 50), 'filler' || (g % 50) || '.com',
             'person ' || g || ' p' || g || '@filler' || (g % 50) || '.com filler ' || (g % 50) || ' filler' || (g % 50) || '.com'
        from generate_series(1, 3000) g`);
    await t.ctx().db.execute(sql`vacuum analyze leads`);
  });
  afterAll(async () => t.close());

  const TERMS = ['lab', 'LAB', 'labs', 'robert', 'labbé', 'labbe', 'be-kel', 'zoë', 'zoe', 'collab', 'acme labs', 'acme-labs', 'cme l', 'Zürich', 'zurich', 'ürich', 'straße', 'strasse', 'kelvin', 'KELVIN', 'elvin', 'istanbul', 'İstanbul',
    'ann  lee', 'ann lee', '50%_off', '%off', '_lee', 'ab', 'a', '.com', '@acme', 'filler 7', 'nobody', ' lab', 'lab '];

  it.each(Object.keys(FIELDS))('counts %s contains / starts_with exactly as the filter alone would', async (field) => {
    for (const term of TERMS) {
      for (const [op, pattern] of [['contains', `%${likeEscape(term)}%`], ['starts_with', `${likeEscape(term)}%`]] as const) {
        const expected = await exactCount(FIELDS[field as keyof typeof FIELDS], pattern);
        const got = await countLeads(ctx, filter(field, op, term));
        expect(got, `${field} ${op} ${JSON.stringify(term)}`).toEqual({ count: expected, capped: false });
      }
    }
    // The cases above do match something.
    expect(await exactCount(FIELDS[field as keyof typeof FIELDS], field === 'first_name' ? '%rob%' : '%lab%')).toBeGreaterThan(0);
  });

  it('counts email contains "lab" from the trigram index, rechecked against the email', async () => {
    const resolved = await resolveLeadQuery(ctx, leadQuerySchema.parse(filter('email', 'contains', 'Lab')));
    const plan = await withPlannerSettings(ctx, { enable_seqscan: 'off' }, async (c) => {
      const rows = await queryRows<Record<string, string>>(c.db, sql`explain ${leadCountSql(resolved.where)}`);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan, plan).toMatch(/Bitmap Index Scan on leads_search_trgm_idx[^\n]*\n\s*Index Cond: \(search_text ~~ '%lab%'::text\)/);
    expect(plan, plan).toMatch(/email ~~ '%lab%'/);
    expect(await countLeads(ctx, filter('email', 'contains', 'Lab'))).toEqual({ count: 4, capped: false });
  });

  it('leaves rows written before search_text held every field whole countable (migration 0002)', async () => {
    const cut = await createLead(ctx, { full_name: 'Cut Person', email: 'cut@longcut.com', company: 'Longcut Labs', company_domain: 'longcut.com' });
    const apart = await createLead(ctx, { full_name: 'Bill Gatesby', first_name: 'William', last_name: 'Gates-Apart', email: 'bill@apart.com' });
    // As the code before wrote them: cut at 2,000 characters; the full name only.
    await t.ctx().db.execute(sql`update leads set search_text = ${'x'.repeat(2000)} where id = ${cut.id}::uuid`);
    await t.ctx().db.execute(sql`update leads set search_text = 'bill gatesby bill@apart.com' where id = ${apart.id}::uuid`);
    expect(await countLeads(ctx, filter('email', 'contains', 'longcut'))).toEqual({ count: 0, capped: false });
    expect(await countLeads(ctx, filter('first_name', 'contains', 'william'))).toEqual({ count: 0, capped: false });
    const migration = readFileSync(join(MIGRATIONS_DIR, '0002_search_text_whole.sql'), 'utf8');
    await t.ctx().db.execute(sql.raw(migration));
    const terms: Record<string, string> = { first_name: 'cut', last_name: 'person', full_name: 'cut person' };
    for (const field of Object.keys(FIELDS)) expect(await countLeads(ctx, filter(field, 'contains', terms[field] ?? 'longcut')), field).toEqual({ count: 1, capped: false });
    expect(await countLeads(ctx, filter('first_name', 'contains', 'william'))).toEqual({ count: 1, capped: false });
    expect(await countLeads(ctx, filter('last_name', 'starts_with', 'gates-a'))).toEqual({ count: 1, capped: false });
  });
});
