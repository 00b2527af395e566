import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { silentLogger } from '../../src/core/logger.js';
import { vacuumLeadsWhenNeeded } from '../../src/domains/leads/index.js';
import { leadsNeedVacuum } from '../../src/domains/leads/vacuum-leads.js';
import { workspaces } from '../../src/domains/workspaces/index.js';
import { scheduledTasks } from '../../src/main/schedules.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('leadsNeedVacuum', () => {
  it.each<[string, { pages: number; allVisible: number; rows: number; changed: number }, boolean]>([
    ['a fresh, empty table', { pages: 0, allVisible: 0, rows: 0, changed: 0 }, false],
    ['a few writes', { pages: 10, allVisible: 0, rows: 500, changed: 500 }, false],
    ['an import of 100k rows', { pages: 5_000, allVisible: 0, rows: 100_000, changed: 100_000 }, true],
    ['vacuumed, then a trickle of writes', { pages: 50_000, allVisible: 49_900, rows: 1_000_000, changed: 5_000 }, false],
    ['no write statistics (they are off), pages not all-visible', { pages: 50_000, allVisible: 1_000, rows: 1_000_000, changed: 0 }, true],
    ['a bulk update of a fifth', { pages: 50_000, allVisible: 40_000, rows: 1_000_000, changed: 200_000 }, true],
  ])('%s → %s', (_name, state, expected) => expect(leadsNeedVacuum(state)).toBe(expected));
});

describe('vacuumLeadsWhenNeeded (scheduled leads.vacuum)', { timeout: 120_000 }, () => {
  let t: TestDatabase;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = { db: t.database.db, inTransaction: false, config: testConfig(), log: silentLogger(), clock: systemClock, services: { mailer: { send: async () => undefined } as never }, actor: { type: 'system' } };
  });
  afterAll(async () => t?.cleanup());

  const visibility = async () =>
    (await queryRows<{ pages: number; all_visible: number }>(ctx.db, sql`select relpages::int as pages, relallvisible::int as all_visible from pg_class where oid = 'leads'::regclass`))[0]!;

  it('is scheduled', () => expect(scheduledTasks.find((task) => task.name === 'leads.vacuum')).toBeDefined());

  it('vacuums leads after a bulk write (pages become all-visible), then leaves it alone', async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: 'Vacuum' }).returning({ id: workspaces.id });
    await ctx.db.execute(
      sql`insert into leads (workspace_id, email, email_normalized, first_name, city)
          select ${ws!.id}::uuid, 'p' || i || '@vac.test', 'p' || i || '@vac.test', 'P' || i, 'Paris' from generate_series(1, 20000) as i`,
    );
    await ctx.db.execute(sql`analyze leads`);
    const before = await visibility();
    expect(Number(before.pages)).toBeGreaterThan(100);
    expect(Number(before.all_visible)).toBeLessThan(Number(before.pages) / 2);
    expect(await vacuumLeadsWhenNeeded(ctx)).toEqual({ vacuumed: true });
    const after = await visibility();
    expect(Number(after.all_visible)).toBeGreaterThan(Number(after.pages) * 0.9);
    expect(await vacuumLeadsWhenNeeded(ctx)).toEqual({ vacuumed: false });
  });
});
