import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../../src/adapters/db/copy-rows.js';
import { copyText } from '../../src/adapters/db/copy-text.js';
import { queryRows, type Db } from '../../src/core/db.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * COPY text round trips through the database the suite runs on (PGlite or PostgreSQL): values
 * that need escaping, values that look like escapes, and a batch big enough to go in several
 * pieces (streamed on PostgreSQL, several COPY statements on PGlite).
 */
const COLUMNS = ['id', 'label', 'tags', 'data', 'at', 'n', 'amount', 'flag'];

describe('copyRows', { timeout: 120_000 }, () => {
  let t: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    await db.execute(sql`create table copy_probe (id int primary key, label text, tags text[], data jsonb, at timestamptz, n bigint, amount numeric(20,2), flag boolean)`);
  });
  afterAll(async () => t?.cleanup());

  const at = new Date('2026-12-03T10:11:12.345Z');
  const tricky: unknown[][] = [
    [1, 'plain', ['a', 'b'], { k: 'v' }, at, 42, 12.5, true],
    [2, 'tab\there, newline\nthere, cr\r, backslash \\ and \\N', ['quote " in', 'back\\slash', 'tab\tin'], { nested: { s: 'line\nbreak \\ "q"' } }, at, -1, 0, false],
    [3, '\\N', [], {}, at, null, null, null],
    [4, null, [null, 'x'], { nul: 'a\u0000b' }, null, 9007199254740991, 99999999.99, true],
    [5, 'nul\u0000inside', ['é', '日本'], { list: [1, 'two', null] }, at, 0, -0.01, false],
  ];

  it('reads back every value as written, escapes included', async () => {
    await db.transaction(async (tx) => copyRows(tx as unknown as Db, 'copy_probe', COLUMNS, tricky));
    const rows = await queryRows<Record<string, unknown>>(db, sql`select id, label, tags, data, at, n::text as n, amount::text as amount, flag from copy_probe where id <= 5 order by id`);
    expect(rows.map((r) => r.label)).toEqual(['plain', 'tab\there, newline\nthere, cr\r, backslash \\ and \\N', '\\N', null, 'nulinside']);
    expect(rows.map((r) => r.tags)).toEqual([['a', 'b'], ['quote " in', 'back\\slash', 'tab\tin'], [], [null, 'x'], ['é', '日本']]);
    expect(rows.map((r) => r.data)).toEqual([{ k: 'v' }, { nested: { s: 'line\nbreak \\ "q"' } }, {}, { nul: 'ab' }, { list: [1, 'two', null] }]);
    expect(rows.map((r) => (r.at === null ? null : new Date(r.at as string).toISOString()))).toEqual([at.toISOString(), at.toISOString(), at.toISOString(), null, at.toISOString()]);
    expect(rows.map((r) => r.n)).toEqual(['42', '-1', null, '9007199254740991', '0']);
    expect(rows.map((r) => r.amount)).toEqual(['12.50', '0.00', null, '99999999.99', '-0.01']);
    expect(rows.map((r) => r.flag)).toEqual([true, false, null, true, false]);
  });

  it('loads a batch of several pieces whole, in order, in one transaction', async () => {
    const big = Array.from({ length: 4_000 }, (_, i) => [1_000 + i, `${'x'.repeat(200)}\t${i}`, [`t${i}`], { i }, at, i, i / 100, i % 2 === 0]);
    expect(copyText(big).length).toBeGreaterThan(3 * 256 * 1024);
    await db.transaction(async (tx) => copyRows(tx as unknown as Db, 'copy_probe', COLUMNS, big));
    const [summary] = await queryRows<{ n: number; first: string; last: string; sum: string }>(
      db,
      sql`select count(*)::int as n, min(id)::text as first, max(id)::text as last, sum((data->>'i')::int)::text as sum from copy_probe where id >= 1000 and label = repeat('x', 200) || E'\t' || (id - 1000)::text`,
    );
    expect(summary).toEqual({ n: 4_000, first: '1000', last: '4999', sum: String((3_999 * 4_000) / 2) });
  });

  it('keeps multi-byte text whole across pieces, and a line longer than a piece', async () => {
    // Accents, CJK and emoji (4 bytes in UTF-8, 2 UTF-16 units) on every line, and one 1 MB line.
    const label = (i: number) => `Zoë Müller 日本 😀 ${i} ${'é'.repeat(i % 300)}`;
    const rows: unknown[][] = Array.from({ length: 3_000 }, (_, i) => [30_000 + i, label(i), ['ß', '😀'], { s: label(i) }, at, i, 0, true]);
    rows.splice(1_500, 0, [40_000, '日'.repeat(350_000), [], {}, at, 0, 0, true]);
    await db.transaction(async (tx) => copyRows(tx as unknown as Db, 'copy_probe', COLUMNS, rows));
    const back = await queryRows<{ id: number; label: string; tags: string[]; s: string }>(
      db,
      sql`select id, label, tags, data->>'s' as s from copy_probe where id >= 30000 order by id`,
    );
    expect(back).toHaveLength(3_001);
    for (const r of back.slice(0, 3_000)) {
      const i = r.id - 30_000;
      expect([r.label, r.s, r.tags]).toEqual([label(i), label(i), ['ß', '😀']]);
    }
    expect(back[3_000]!.label).toBe('日'.repeat(350_000));
    await db.execute(sql`delete from copy_probe where id >= 30000`);
  });

  it('a rejected piece fails the COPY and leaves nothing of the batch behind', async () => {
    // The duplicate key sits in the last piece: the pieces before it were already loaded.
    const batch = Array.from({ length: 3_000 }, (_, i) => [10_000 + i, 'y'.repeat(300), [], {}, at, i, 0, true]);
    batch.push([10_000, 'duplicate', [], {}, at, 0, 0, true]);
    await expect(db.transaction(async (tx) => copyRows(tx as unknown as Db, 'copy_probe', COLUMNS, batch))).rejects.toThrow(/duplicate key|unique/i);
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from copy_probe where id >= 10000`);
    expect(left!.n).toBe(0);
    // The connection is usable afterwards.
    await db.transaction(async (tx) => copyRows(tx as unknown as Db, 'copy_probe', COLUMNS, [[20_000, 'after', [], {}, at, 1, 1, true]]));
    const [after] = await queryRows<{ label: string }>(db, sql`select label from copy_probe where id = 20000`);
    expect(after!.label).toBe('after');
  });
});
