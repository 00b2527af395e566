import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/core/db.js';
import { claimScheduledSlot, slotClaimed } from '../../src/domains/jobs/index.js';
import { scheduledTasks, startScheduler, type ScheduledTask } from '../../src/main/schedules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('scheduler', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('runs each slot once across several processes racing for it', async () => {
    const runs: { owner: string; slot: string }[] = [];
    const task = (owner: string): ScheduledTask => ({
      name: 'test.every-second',
      pattern: '* * * * * *',
      catchUp: false,
      async run(_ctx, slot) {
        runs.push({ owner, slot: slot.toISOString() });
        await new Promise((r) => setTimeout(r, 50));
      },
    });
    // Four "processes": own scheduler, own owner name, same database.
    const schedulers = ['a', 'b', 'c', 'd'].map((owner) => startScheduler(t.ctx(), { tasks: [task(owner)], owner }));
    await new Promise((r) => setTimeout(r, 3500));
    for (const s of schedulers) s.stop();
    await new Promise((r) => setTimeout(r, 300));

    const slots = runs.map((r) => r.slot);
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    for (const s of slots) expect(s).toMatch(/:\d\d\.000Z$/);
    const rows = await queryRows<{ n: number; done: number }>(
      t.ctx().db,
      sql`select count(*)::int as n, count(finished_at)::int as done from scheduled_runs where name = 'test.every-second'`,
    );
    expect(Number(rows[0]!.n)).toBe(slots.length);
    expect(Number(rows[0]!.done)).toBe(slots.length);
  });

  it('catches up the latest missed slot at start-up, once', async () => {
    const ran: string[] = [];
    const task: ScheduledTask = { name: 'test.hourly-catch-up', pattern: '0 * * * *', catchUp: true, run: async (_c, slot) => void ran.push(slot.toISOString()) };
    const a = startScheduler(t.ctx(), { tasks: [task], owner: 'a' });
    const b = startScheduler(t.ctx(), { tasks: [task], owner: 'b' });
    await new Promise((r) => setTimeout(r, 500));
    a.stop();
    b.stop();
    const hour = new Date();
    hour.setUTCMinutes(0, 0, 0);
    expect(ran).toEqual([hour.toISOString()]);
  });

  it('lets another process take over a slot whose run never finished', async () => {
    const slot = new Date('2026-02-01T00:00:00Z');
    const ctx = t.ctx();
    expect(await claimScheduledSlot(ctx, { name: 'test.takeover', slot, owner: 'dead', takeOverAfterMs: 60_000 })).toBe(true);
    expect(await slotClaimed(ctx, { name: 'test.takeover', slot })).toBe(true);
    expect(await claimScheduledSlot(ctx, { name: 'test.takeover', slot, owner: 'alive', takeOverAfterMs: 60_000 })).toBe(false);
    expect(await claimScheduledSlot(ctx, { name: 'test.takeover', slot, owner: 'alive', takeOverAfterMs: 0 })).toBe(true);
  });

  it('runs the monthly credit reset and the cache expiry through the same claim', async () => {
    const s = startScheduler(t.ctx(), { tasks: [], owner: 'x' });
    const reset = scheduledTasks.find((k) => k.name === 'credits.monthly-reset')!;
    const expire = scheduledTasks.find((k) => k.name === 'cache.expire')!;
    const slot = new Date('2030-01-01T10:00:00Z');
    expect(await s.runSlot(reset, slot)).toBe(true);
    expect(await s.runSlot(reset, slot)).toBe(false);
    expect(await s.runSlot(expire, slot)).toBe(true);
    const [row] = await queryRows<{ error: string | null; finished: boolean }>(
      t.ctx().db,
      sql`select error, finished_at is not null as finished from scheduled_runs where name = 'credits.monthly-reset' and slot = ${slot.toISOString()}::timestamptz`,
    );
    expect(row).toEqual({ error: null, finished: true });
    s.stop();
  });
});
