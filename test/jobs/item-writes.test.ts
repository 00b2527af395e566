import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { queryRows } from '../../src/core/db.js';
import { defineJobKind, getJob, listJobItems, registerJobKind, startJob, TransientJobError } from '../../src/domains/jobs/index.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { createJobsTestApp, drain, drainWithBackoff, type JobsTestApp } from './helpers.js';

/** Refs that fail transiently on their first attempt, then succeed (no result: a uniform chunk). */
const flakyOnce = new Set<string>();

/** Items succeed with nothing to store: the chunk's commit names its items by range. */
const bareKind = defineJobKind({
  kind: 'test.bare',
  payload: z.object({}),
  chunkSize: 1000,
  retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
  async process(_ctx, chunk) {
    return chunk.items.map((i) => {
      if (flakyOnce.delete(i.ref)) return { itemId: i.id, status: 'retry' as const, error: new TransientJobError('try later').message };
      return { itemId: i.id, status: 'succeeded' as const };
    });
  },
});

/** Page of each item's row version (ctid is "(page,offset)"), by seq. */
async function pagesOf(t: JobsTestApp, jobId: string): Promise<Map<number, string>> {
  const rows = await queryRows<{ seq: number; page: string }>(
    t.db.database.db,
    sql`select seq, split_part(trim(both '()' from ctid::text), ',', 1) as page from job_items where job_id = ${jobId}::uuid`,
  );
  return new Map(rows.map((r) => [Number(r.seq), r.page]));
}

describe('job item writes', () => {
  let t: JobsTestApp;
  const clock = new ManualClock('2026-03-10T10:00:00Z');
  let ws: string;

  beforeAll(async () => {
    registerJobKind(bareKind);
    t = await createJobsTestApp({ clock });
    ws = (await createUserWithWorkspace(t)).workspaceId;
  });
  afterAll(async () => t?.close());

  it('leaves room on job_items pages: a commit writes each item on its own page (HOT, no index entries)', async () => {
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.bare', payload: {}, items: Array.from({ length: 600 }, (_, k) => ({ ref: `r${k}` })) });
    const before = await pagesOf(t, job.id);
    expect(new Set(before.values()).size).toBeGreaterThan(1);
    await drain(ctx);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', succeeded: 600 });
    // With full pages (fillfactor 100) the new versions of most rows would land on other pages.
    const after = await pagesOf(t, job.id);
    const moved = [...after].filter(([seq, page]) => before.get(seq) !== page);
    expect(moved).toEqual([]);
  });

  it('a uniform commit (all succeeded, no result) clears an earlier transient error and keeps attempts', async () => {
    const ctx = t.ctx(ws);
    flakyOnce.add('b');
    const job = await startJob(ctx, { kind: 'test.bare', payload: {}, items: [{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }] });
    await drain(ctx);
    const first = (await listJobItems(ctx, { jobId: job.id })).items;
    expect(first.map((i) => [i.ref, i.status, i.attempts, i.error])).toEqual([
      ['a', 'succeeded', 0, null],
      ['b', 'pending', 1, 'try later'],
      ['c', 'succeeded', 0, null],
    ]);
    const updatedA = first[0]!.updatedAt;
    clock.advance(1_000);
    await drainWithBackoff(ctx, (ms) => clock.advance(ms), job.id);
    expect(await getJob(ctx, { jobId: job.id })).toMatchObject({ status: 'completed', processed: 3, succeeded: 3 });
    const items = (await listJobItems(ctx, { jobId: job.id })).items;
    expect(items.map((i) => [i.ref, i.status, i.attempts, i.error, i.result])).toEqual([
      ['a', 'succeeded', 0, null, null],
      ['b', 'succeeded', 1, null, null],
      ['c', 'succeeded', 0, null, null],
    ]);
    // The second commit touched only the item that was still pending.
    expect(items[0]!.updatedAt).toEqual(updatedA);
    expect(items[1]!.updatedAt!.getTime()).toBeGreaterThan(updatedA!.getTime());
  });
});
