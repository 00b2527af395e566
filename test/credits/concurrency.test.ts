import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/client.js';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { DomainError } from '../../src/core/errors.js';
import { chargeCredits, getBalance, listCreditTransactions, reserveCredits, settleCharges } from '../../src/domains/credits/index.js';
import type { TestApp } from '../helpers/app.js';
import { usingPostgres } from '../helpers/db.js';
import { creditsTestApp, expectBooksBalance, fundedWorkspace, item, job } from './helpers.js';

const WORKERS = 20;

/**
 * Many workers on their own connections charging one workspace at once. Needs a real
 * PostgreSQL server: the embedded PGlite has a single connection, so nothing there runs at once.
 */
describe.skipIf(!usingPostgres())('credits under concurrency (PostgreSQL; skipped without TEST_DATABASE_URL)', () => {
  let t: TestApp;
  let pool: Database;
  beforeAll(async () => {
    ({ t } = await creditsTestApp());
    pool = await openDatabase({ databaseUrl: t.db.url!, poolMax: WORKERS });
  });
  afterAll(async () => {
    await pool?.close();
    await t?.close();
  });

  /** A context per worker on the shared pool: every transaction takes its own connection. */
  const workerCtx = (ctx: Ctx): Ctx => ({ ...ctx, db: pool.db });

  async function runWorkers(attempt: (worker: number, n: number) => Promise<'charged' | 'duplicate' | 'refused'>, perWorker: number) {
    const counts = { charged: 0, duplicate: 0, refused: 0 };
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        for (let n = 0; n < perWorker; n++) counts[await attempt(w, n)]++;
      }),
    );
    return counts;
  }

  const outcome = async (p: Promise<{ charged: boolean }>) => {
    try {
      return (await p).charged ? ('charged' as const) : ('duplicate' as const);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'INSUFFICIENT_CREDITS') return 'refused' as const;
      throw e;
    }
  };

  it('lets exactly as many charges through as the balance allows, and never goes negative', async () => {
    const K = 137;
    const { ctx } = await fundedWorkspace(t, K * 500);
    const wctx = workerCtx(ctx);
    let lowest = Number.POSITIVE_INFINITY;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const [row] = await queryRows<{ b: string }>(pool.db, sql`select balance_milli as b from credit_accounts where workspace_id = ${ctx.workspaceId}`);
        lowest = Math.min(lowest, Number(row!.b));
      }
    })();
    const counts = await runWorkers(
      (w, n) => outcome(chargeCredits(wctx, { amountMilli: 500, feature: 'email_verify', idempotencyKey: `w${w}:n${n}`, reference: item(`${w}-${n}`) })),
      10,
    );
    running = false;
    await sampler;
    expect(counts).toEqual({ charged: K, duplicate: 0, refused: WORKERS * 10 - K });
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 0, reservedMilli: 0 });
    expect((await listCreditTransactions(ctx, { kind: 'charge', limit: 200 })).items).toHaveLength(K);
    await expectBooksBalance(ctx);
  });

  it('charges each key once when many workers race on the same items', async () => {
    const ITEMS = 50;
    const { ctx } = await fundedWorkspace(t, 100_000);
    const wctx = workerCtx(ctx);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: ITEMS * 1000, feature: 'email_find', reference: job('race') });
    const counts = await runWorkers(
      (w, n) => {
        const i = (w * 7 + n) % ITEMS;
        return outcome(chargeCredits(wctx, { amountMilli: 1000, feature: 'email_find', idempotencyKey: `race:${i}`, reference: item(String(i)), reservationId }));
      },
      ITEMS,
    );
    expect(counts.charged).toBe(ITEMS);
    expect(counts.duplicate).toBe(WORKERS * ITEMS - ITEMS);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 50_000, reservedMilli: 0, availableMilli: 50_000 });
    await expectBooksBalance(ctx);
  });

  it('settles whole chunks of charges at once: each batch all or nothing, never below zero', async () => {
    const BATCH = 4;
    const { ctx } = await fundedWorkspace(t, 34 * BATCH * 500 + 300);
    const wctx = workerCtx(ctx);
    let lowest = Number.POSITIVE_INFINITY;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const [row] = await queryRows<{ b: string }>(pool.db, sql`select balance_milli as b from credit_accounts where workspace_id = ${ctx.workspaceId}`);
        lowest = Math.min(lowest, Number(row!.b));
      }
    })();
    const counts = await runWorkers(async (w, n) => {
      const charges = Array.from({ length: BATCH }, (_, k) => ({ amountMilli: 500, idempotencyKey: `b${w}:${n}:${k}`, reference: item(`${w}-${n}-${k}`) }));
      try {
        const r = await settleCharges(wctx, { feature: 'email_verify', charges });
        return r.charged === BATCH ? 'charged' : 'duplicate';
      } catch (e) {
        if (e instanceof DomainError && e.code === 'INSUFFICIENT_CREDITS') return 'refused';
        throw e;
      }
    }, 5);
    running = false;
    await sampler;
    expect(counts).toEqual({ charged: 34, duplicate: 0, refused: WORKERS * 5 - 34 });
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 300, reservedMilli: 0 });
    expect((await listCreditTransactions(ctx, { kind: 'charge', limit: 200 })).items).toHaveLength(34 * BATCH);
    await expectBooksBalance(ctx);
  });

  it('charges and refunds each key once when overlapping batches race (replayed chunks)', async () => {
    const ITEMS = 60;
    const { ctx } = await fundedWorkspace(t, 100_000);
    const wctx = workerCtx(ctx);
    const { reservationId } = await reserveCredits(ctx, { amountMilli: ITEMS * 1000, feature: 'email_find', reference: job('batch-race') });
    const settled = { charged: 0, refunded: 0 };
    await runWorkers(async (w, n) => {
      const start = ((w * 7 + n * 3) % (ITEMS / 6)) * 6;
      const charges = Array.from({ length: 6 }, (_, k) => {
        const i = start + k;
        return { amountMilli: 1000, idempotencyKey: `race:${i}`, reference: item(String(i)), refundReason: i % 5 === 0 ? 'not_found' : undefined };
      });
      const r = await settleCharges(wctx, { feature: 'email_find', reservationId, charges });
      settled.charged += r.charged;
      settled.refunded += r.refunded;
      return 'charged';
    }, 8);
    expect(settled).toEqual({ charged: ITEMS, refunded: ITEMS / 5 });
    expect(await getBalance(ctx)).toMatchObject({ balanceMilli: 100_000 - ITEMS * 1000 + (ITEMS / 5) * 1000, reservedMilli: 0 });
    await expectBooksBalance(ctx);
  });

  it('keeps reservations and direct charges within the balance when they race', async () => {
    const { ctx } = await fundedWorkspace(t, 10_000);
    const wctx = workerCtx(ctx);
    const counts = await runWorkers(async (w, n) => {
      if (n % 2 === 0) {
        try {
          await reserveCredits(wctx, { amountMilli: 700, feature: 'email_find', reference: job(`${w}-${n}`) });
          return 'charged';
        } catch (e) {
          if (e instanceof DomainError && e.code === 'INSUFFICIENT_CREDITS') return 'refused';
          throw e;
        }
      }
      return outcome(chargeCredits(wctx, { amountMilli: 300, feature: 'email_find', idempotencyKey: `mix:${w}:${n}`, reference: item(`${w}-${n}`) }));
    }, 6);
    const b = await expectBooksBalance(ctx);
    expect(counts.refused).toBeGreaterThan(0);
    expect(b.availableMilli).toBeLessThan(300);
    expect(b.reservedMilli).toBeLessThanOrEqual(b.balanceMilli);
  });
});
