import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../src/core/db.js';
import { defineJobKind, registerJobKind, TransientJobError, type ItemOutcome, type JobKind } from '../../src/domains/jobs/index.js';

/**
 * Job kinds that exist only in tests, to prove the engine: they do no real work, and record
 * every committed item in `lf_test_effects` (no unique key: a double commit would show).
 */
export const EFFECTS_TABLE_SQL = sql`create table if not exists lf_test_effects (job_id uuid not null, item_id bigint not null, ref text not null, pid int not null)`;

export async function createEffectsTable(db: Db) {
  await db.execute(EFFECTS_TABLE_SQL);
}

const counterPayload = z.strictObject({
  count: z.number().int().min(0).max(1_000_000),
  /** Refs that fail for good. */
  failRefs: z.array(z.string()).default([]),
  /** Refs that fail transiently this many times before succeeding. */
  flaky: z.record(z.string(), z.number().int().min(1)).default({}),
  /** Refs reported as "no data found": charged then refunded. */
  notFoundRefs: z.array(z.string()).default([]),
  /** Refs skipped (nothing to do): not charged. */
  skipRefs: z.array(z.string()).default([]),
  /** The whole chunk throws a transient error on its first N attempts. */
  chunkFailures: z.number().int().min(0).default(0),
  /** Simulated work per chunk (outside I/O), ms. */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  /** Ms of simulated work per item, awaited in parallel within a chunk. */
  itemDelayMs: z.number().int().min(0).max(60_000).default(0),
});

/** Refs that fail for good while listed here (a test lists, runs, unlists, retries). */
export const failingNow = new Set<string>();

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

function counterKind(kind: string, chunkSize: number, billing?: JobKind['billing']) {
  return defineJobKind({
    kind,
    payload: counterPayload,
    chunkSize,
    billing,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    describe: (p) => `Count to ${p.count}`,
    *seedItems(_ctx, p) {
      for (let i = 0; i < p.count; i += 5000) {
        yield Array.from({ length: Math.min(5000, p.count - i) }, (_, k) => ({ ref: `item-${i + k}`, input: { n: i + k } }));
      }
    },
    async process(_ctx, chunk) {
      const p = chunk.payload;
      if (p.chunkFailures > 0 && chunk.items.some((i) => i.attempts < p.chunkFailures)) throw new TransientJobError('upstream unavailable');
      if (p.delayMs) await sleep(p.delayMs, chunk.signal);
      if (p.itemDelayMs) await Promise.all(chunk.items.map(() => sleep(p.itemDelayMs, chunk.signal)));
      let even = 0;
      const outcomes: ItemOutcome[] = chunk.items.map((item) => {
        if (p.failRefs.includes(item.ref) || failingNow.has(item.ref)) return { itemId: item.id, status: 'failed', error: `bad item ${item.ref}` };
        const flaky = p.flaky[item.ref];
        if (flaky !== undefined && item.attempts < flaky) return { itemId: item.id, status: 'retry', error: `temporary failure ${item.attempts + 1}` };
        const n = (item.input as { n: number }).n;
        if (n % 2 === 0) even++;
        if (p.notFoundRefs.includes(item.ref)) return { itemId: item.id, status: 'skipped', result: { found: false }, billing: { refund: 'not_found' } };
        if (p.skipRefs.includes(item.ref)) return { itemId: item.id, status: 'skipped', result: { duplicate: true } };
        return { itemId: item.id, status: 'succeeded', result: { n, double: n * 2 } };
      });
      return { outcomes, stats: { even, odd: chunk.items.length - even - outcomes.filter((o) => o.status !== 'succeeded' && o.status !== 'skipped').length } };
    },
    async commit(tx, chunk) {
      const rows = chunk.outcomes.filter((o) => o.status !== 'failed');
      if (rows.length === 0) return;
      const refs = new Map(chunk.items.map((i) => [i.id, i.ref]));
      await tx.db.execute(sql`
        insert into lf_test_effects (job_id, item_id, ref, pid)
        select ${chunk.jobId}::uuid, (e->>'id')::bigint, e->>'ref', ${process.pid}::int
        from jsonb_array_elements(${JSON.stringify(rows.map((o) => ({ id: o.itemId, ref: refs.get(o.itemId) })))}::jsonb) e`);
    },
  });
}

/** Free counter, chunks of 10. */
export const testCounter = counterKind('test.counter', 10);
/** Billed counter: 1 credit per item (feature email_verify, cost fixed by the kind), chunks of 100. */
export const testBilled = counterKind('test.billed', 100, { feature: 'email_verify', costMilli: () => 1000 });
/** Billed at the credits domain's own price for email_verify. */
export const testPriced = counterKind('test.priced', 50, { feature: 'email_verify' });

export function registerTestKinds() {
  for (const k of [testCounter, testBilled, testPriced]) registerJobKind(k);
}
