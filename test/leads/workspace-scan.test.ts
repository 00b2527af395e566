import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { withTransaction } from '../../src/core/transaction.js';
import { countLeads, createLead, withoutTableScan } from '../../src/domains/leads/index.js';
import { withPlannerSettings } from '../../src/domains/leads/workspace-scan.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

/**
 * Bounded lead queries (LIMIT without an index order) must not scan the whole table: a
 * sequential scan may start in another workspace's rows (1.2–1.9 s at 2 × 1M leads).
 */
describe('bounded lead queries stay on the workspace’s index', () => {
  let t: TestApp;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    ctx = userCtx(t, owner.workspaceId, owner.id);
    for (const name of ['Ada Smith', 'Bob Smith', 'Cy Jones']) await createLead(ctx, { full_name: name });
    // With statistics, a table this small is cheapest to read whole: the case the helper rules out.
    await t.ctx().db.execute(sql`analyze leads`);
  });
  afterAll(async () => t.close());

  const cappedCount = (c: Ctx) =>
    queryRows<Record<string, string>>(
      c.db,
      sql`explain select count(*) from (select 1 from leads where workspace_id = ${c.workspaceId}::uuid and deleted_at is null
                                          and search_text ilike '%smith%' limit 1001) m`,
    ).then((rows) => rows.map((r) => Object.values(r)[0]).join('\n'));

  it('plans a capped count without a sequential scan of leads (the planner would choose one on its own)', async () => {
    expect(await cappedCount(ctx)).toMatch(/Seq Scan on leads/);
    const plan = await withoutTableScan(ctx, cappedCount);
    expect(plan, plan).not.toMatch(/Seq Scan on leads/);
  });

  it('gives a caller’s transaction its usual planner settings back', async () => {
    const setting = await withTransaction(ctx, async (tx) => {
      await withoutTableScan(tx, async (c) => expect((await queryRows<{ enable_seqscan: string }>(c.db, sql`show enable_seqscan`))[0]!.enable_seqscan).toBe('off'));
      return (await queryRows<{ enable_seqscan: string }>(tx.db, sql`show enable_seqscan`))[0]!.enable_seqscan;
    });
    expect(setting).toBe('on');
  });

  it('still counts exactly up to the cap', async () => {
    expect(await countLeads(ctx, { q: 'smith' })).toEqual({ count: 2, capped: false });
    expect(await countLeads(ctx, { q: 'smith', cap: 1 })).toEqual({ count: 1, capped: true });
  });

  const currentSetting = async (c: Ctx, name: string) => (await queryRows<{ v: string }>(c.db, sql`select current_setting(${name}) as v`))[0]!.v;

  it('withPlannerSettings applies them inside and gives a caller’s transaction its own values back', async () => {
    const [inside, after] = await withTransaction(ctx, async (tx) => {
      await tx.db.execute(sql`select set_config('jit', 'on', true)`);
      const seen = await withPlannerSettings(tx, { jit: 'off', enable_seqscan: 'off' }, async (c) => [await currentSetting(c, 'jit'), await currentSetting(c, 'enable_seqscan')]);
      // An exact count inside the caller's transaction leaves its settings as they were too.
      await countLeads(tx, { filter: { field: 'city', op: 'eq', value: 'x' } });
      return [seen, [await currentSetting(tx, 'jit'), await currentSetting(tx, 'enable_seqscan')]];
    });
    expect(inside).toEqual(['off', 'off']);
    expect(after).toEqual(['on', 'on']);
  });
});
