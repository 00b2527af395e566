import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../../src/adapters/db/client.js';
import { queryRows } from '../../../src/core/db.js';

/** The writer child process (test/db/fixtures/crash-writer.ts) and the checks on what it wrote. */
export const CRASH_WRITER = 'test/db/fixtures/crash-writer.ts';

/** Lines `row <id>` / `batch <id>` the writer printed after their commit returned. */
export function reportedIds(lines: string[], kind: 'row' | 'batch') {
  return lines.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.slice(kind.length + 1)));
}

export async function countOf(database: Database, query: ReturnType<typeof sql>) {
  const rows = await queryRows<{ n: number }>(database.db, query);
  return Number(rows[0]!.n);
}

/** Everything a consistent database must show after a crash, given what the writer reported. */
export async function expectConsistent(database: Database, reported: { rows: number[]; batches: number[] }) {
  const rowIds = new Set((await queryRows<{ id: number }>(database.db, sql`select id from crash_rows`)).map((r) => r.id));
  const batchIds = new Set((await queryRows<{ id: number }>(database.db, sql`select id from crash_batches`)).map((r) => r.id));
  expect(reported.rows.filter((id) => !rowIds.has(id))).toEqual([]);
  expect(reported.batches.filter((id) => !batchIds.has(id))).toEqual([]);
  // No half-written multi-statement transaction: every batch has all its items, no item is
  // orphaned, and the running total matches the items exactly.
  expect(
    await countOf(database, sql`select count(*) as n from crash_batches b where b.items <> (select count(*) from crash_batch_items i where i.batch_id = b.id)`),
  ).toBe(0);
  expect(
    await countOf(database, sql`select count(*) as n from crash_batch_items i where not exists (select 1 from crash_batches b where b.id = i.batch_id)`),
  ).toBe(0);
  const items = await countOf(database, sql`select count(*) as n from crash_batch_items`);
  expect(await countOf(database, sql`select total as n from crash_counter where id = 1`)).toBe(items);
  // The primary-key index agrees with the table (a torn page would make them differ).
  const heapCount = await countOf(database, sql`select count(*) as n from crash_rows`);
  const indexCount = await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await queryRows<{ n: number }>(tx, sql`select count(*) as n from crash_rows where id > -1000000`);
    return Number(rows[0]!.n);
  });
  expect(indexCount).toBe(heapCount);
}

export async function expectWritable(database: Database, id: number) {
  await database.db.execute(sql`insert into crash_rows values (${id}, 'after the crash')`);
  expect(await countOf(database, sql`select count(*) as n from crash_rows where id = ${id}`)).toBe(1);
}
