import { and, eq, sql } from 'drizzle-orm';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { defineJobKind, type ItemOutcome } from '../jobs/index.js';
import { filterErasedPeople, listCustomFields } from '../leads/index.js';
import type { CopyRows } from './bulk-copy.js';
import { importOptionsSchema, mappingSchema } from './import-input.js';
import { imports } from './imports.tables.js';
import { refreshLeadStatistics, refreshLookupStatistics } from './lead-statistics.js';
import { prepareImportRows, type PreparedImportRow, type RowError } from './prepare-import-rows.js';
import type { TableFileInfo, TableFileReader, TableRecord } from './table-file.js';
import { verifyAfterLastBlock } from './verify-after-import.js';
import { writeImportChunk } from './write-import-chunk.js';

export const IMPORT_JOB_KIND = 'imports.leads';
/** Rows per job item; one item per chunk, so a chunk commits this many rows at once. */
export const ROWS_PER_ITEM = 1_000;
/**
 * Rows per item of a file over BIG_FILE_ROWS: every block costs a claim, a transaction and a
 * commit of the jobs engine and a dozen statements, which 1,000-row blocks pay 100 times for
 * 100k rows (20k rows on PostgreSQL: 5.9 s in blocks of 1,000, 4.5 s in blocks of 5,000).
 * Bigger blocks cost memory (~4.5 kB per prepared row, a block written and one prepared
 * ahead, and V8 lets the heap run well past that): a 1M-row import peaked at 678 MB in blocks
 * of 5,000, 533 MB in blocks of 2,000, at the same speed (100k: 2.08× and 1.99× the floor).
 * Small files keep small blocks: finer progress, and less to redo after a crash.
 */
export const ROWS_PER_BIG_ITEM = 2_000;
export const BIG_FILE_ROWS = 20_000;

export function rowsPerItem(totalRows: number): number {
  return totalRows > BIG_FILE_ROWS ? ROWS_PER_BIG_ITEM : ROWS_PER_ITEM;
}
/** Rows prepared between two turns of the event loop, so a commit in flight is not held up. */
const PREPARE_SLICE = 100;

export const ERASED_PROBLEM = 'this person was erased from the workspace (GDPR); lift the erasure to import them again';

const payload = z.strictObject({ importId: z.uuid() });

interface Cursor {
  iterator: AsyncIterator<TableRecord>;
  /** Index of the next data record the iterator yields. */
  next: number;
  usedAt: number;
}

/** A reader left open this long (its import cancelled, paused or taken over elsewhere) is closed. */
const IDLE_READER_MS = 10 * 60_000;

type LoadedImport = Awaited<ReturnType<typeof loadImport>>;
interface PreparedBlock {
  records: number;
  rows: PreparedImportRow[];
  errors: RowError[];
}

/**
 * The import job: each item is a block of data rows (`rows:<from>-<to>`); `process` reads and
 * prepares the block outside the transaction, `commit` writes it in the chunk's transaction.
 * Blocks run in order, so one open reader per import continues where the last block stopped;
 * after a restart the reader skips to the block (parsing only). While a block commits, the next
 * one is read and prepared (the database works in another process or thread meanwhile).
 */
export function importLeadsKind(reader: TableFileReader, copy: CopyRows) {
  const cursors = new Map<string, Cursor>();
  /**
   * Per import, the blocks being prepared ahead of their chunks (by first row), and the end of
   * the furthest block asked for: the worker runs two chunks at once, and each must find its
   * block ready instead of preparing it itself out of order (a read behind the reader reopens
   * the file and parses it again from the top: the 100k-row import under `serve` cost 74 s of
   * CPU instead of 31 s).
   */
  const ahead = new Map<string, { blocks: Map<number, { to: number; block: Promise<PreparedBlock> }>; askedTo: number }>();
  const stash = new Map<string, { block: PreparedBlock; imp: LoadedImport }>();
  /** Reads of one import run one after the other (the prepared-ahead block and a chunk's). */
  const readQueue = new Map<string, Promise<unknown>>();

  function serialized<T>(importId: string, fn: () => Promise<T>): Promise<T> {
    const run = (readQueue.get(importId) ?? Promise.resolve()).then(fn, fn);
    const settled = run.catch(() => undefined);
    readQueue.set(importId, settled);
    void settled.then(() => readQueue.get(importId) === settled && readQueue.delete(importId));
    return run;
  }

  async function readBlock(imp: LoadedImport, from: number, to: number) {
    let cursor = cursors.get(imp.id);
    if (!cursor || cursor.next > from) {
      await cursor?.iterator.return?.();
      const iterator = reader.records(imp.filePath, imp.fileInfo as unknown as TableFileInfo)[Symbol.asyncIterator]();
      if (imp.options.hasHeader) await iterator.next();
      cursor = { iterator, next: 0, usedAt: Date.now() };
      cursors.set(imp.id, cursor);
    }
    cursor.usedAt = Date.now();
    const out: TableRecord[] = [];
    while (cursor.next < to) {
      const step = await cursor.iterator.next();
      if (step.done) break;
      if (cursor.next >= from) out.push(step.value);
      cursor.next++;
    }
    // The file is read to its end (or the last block is read): close it.
    if (cursor.next < to || to >= imp.totalRows) {
      cursors.delete(imp.id);
      await cursor.iterator.return?.();
    }
    return out;
  }

  /** Closes the readers (and drops the blocks prepared ahead) of imports no chunk asked for lately. */
  async function closeIdleReaders() {
    const now = Date.now();
    for (const [importId, cursor] of cursors) {
      if (now - cursor.usedAt < IDLE_READER_MS) continue;
      cursors.delete(importId);
      ahead.delete(importId);
      await cursor.iterator.return?.().catch(() => undefined);
    }
  }

  async function prepareBlock(imp: LoadedImport, from: number, to: number, now: Date): Promise<PreparedBlock> {
    const records = await serialized(imp.id, () => readBlock(imp, from, to));
    const context = { mapping: imp.mapping, options: imp.options, workspaceId: imp.workspaceId, sourceId: imp.sourceId ?? 0, now, customFields: imp.customFields };
    const block: PreparedBlock = { records: records.length, rows: [], errors: [] };
    for (let i = 0; i < records.length; i += PREPARE_SLICE) {
      const { rows, errors } = prepareImportRows(records.slice(i, i + PREPARE_SLICE), context);
      block.rows.push(...rows);
      block.errors.push(...errors);
      await yieldToLoop();
    }
    return block;
  }

  /**
   * The block, prepared ahead or now. Before waiting for it, the block after it is started, so
   * that a chunk running beside this one (the next block) finds its block on the way and reads
   * stay in file order.
   */
  async function takeBlock(imp: LoadedImport, from: number, to: number, now: Date): Promise<PreparedBlock> {
    let state = ahead.get(imp.id);
    if (!state) ahead.set(imp.id, (state = { blocks: new Map(), askedTo: 0 }));
    const early = state.blocks.get(from);
    state.blocks.delete(from);
    const block = early && early.to === to ? early.block.catch(() => prepareBlock(imp, from, to, now)) : prepareBlock(imp, from, to, now);
    state.askedTo = Math.max(state.askedTo, to);
    const nextTo = Math.min(imp.totalRows, to + (to - from));
    if (to < imp.totalRows && state.askedTo <= to) {
      const next = prepareBlock(imp, to, nextTo, now);
      next.catch(() => undefined); // taken (and retried) by the next chunk, or dropped
      state.blocks.set(to, { to: nextTo, block: next });
      state.askedTo = nextTo;
    }
    if (to >= imp.totalRows && state.blocks.size === 0) ahead.delete(imp.id);
    return block;
  }

  return defineJobKind({
    kind: IMPORT_JOB_KIND,
    payload,
    chunkSize: 1,
    retry: { maxAttempts: 3 },
    describe: () => 'Import leads',
    async process(ctx, chunk) {
      await closeIdleReaders();
      const imp = await loadImport(ctx, chunk.payload.importId);
      // Outside the chunk's transaction: the ANALYZE's lock is released at once. Needed while the
      // table grows: the per-value match lookups go to a sequential scan per value once the
      // planner believes `leads` is nearly empty (seen: 35 s for one block's lookups).
      await refreshLookupStatistics(ctx).catch((e: unknown) => ctx.log.warn({ err: e }, 'could not refresh the statistics of leads'));
      const outcomes: ItemOutcome[] = [];
      for (const item of chunk.items) {
        const { from, to } = item.input as { from: number; to: number };
        const block = await takeBlock(imp, from, to, ctx.clock.now());
        stash.set(`${chunk.jobId}:${chunk.chunkNo}`, { block, imp });
        outcomes.push({ itemId: item.id, status: 'succeeded', billing: 'free', result: { rows: block.records } });
      }
      return outcomes;
    },
    async commit(tx, chunk) {
      const key = `${chunk.jobId}:${chunk.chunkNo}`;
      const staged = stash.get(key);
      stash.delete(key);
      if (chunk.outcomes.length === 0) return;
      // Never mark a block done without writing it: without its prepared rows, fail the commit so the chunk runs again.
      if (!staged) throw new Error('This import block was not prepared in this process; it will run again');
      const { imp, block } = staged;
      // People erased from the workspace (GDPR tombstones) are not brought back by a file: their rows become row errors.
      const { kept, erased } = await filterErasedPeople(tx, block.rows, (r) => ({ email: r.prepared.row.email, linkedinUrl: r.prepared.row.linkedinUrl }));
      const erasedErrors = erased.map((r) => ({ rowNumber: r.rowNumber, column: null, value: null, problem: ERASED_PROBLEM }));
      await writeImportChunk(
        tx,
        copy,
        { id: imp.id, sourceId: imp.sourceId ?? 0, listId: imp.listId, options: imp.options, customFields: imp.customFields },
        kept,
        erased.length ? [...block.errors, ...erasedErrors].sort((a, b) => a.rowNumber - b.rowNumber) : block.errors,
      );
      if (chunk.items.some((item) => (item.input as { to: number }).to >= imp.totalRows)) await refreshStatisticsAtEnd(tx, imp.id);
      await verifyAfterLastBlock(tx, { id: imp.id, jobId: chunk.jobId, fileName: imp.fileName, options: imp.options });
    },
  });
}

/** The planner's statistics of `leads`, refreshed when what this import wrote (this block included) outgrew them. */
async function refreshStatisticsAtEnd(tx: Ctx, importId: string) {
  const [written] = await tx.db
    .select({ rows: sql<number>`${imports.created} + ${imports.updated}` })
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, tx.workspaceId!)));
  await tx.db.execute(sql`savepoint import_analyze`);
  try {
    await refreshLeadStatistics(tx, Number(written?.rows ?? 0));
    await tx.db.execute(sql`release savepoint import_analyze`);
  } catch (e) {
    // Statistics are an optimisation: never fail the block for them.
    await tx.db.execute(sql`rollback to savepoint import_analyze`);
    tx.log.warn({ err: e }, 'could not refresh the statistics of leads');
  }
}

async function loadImport(ctx: Ctx, importId: string) {
  const [row] = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, ctx.workspaceId!)))
    .limit(1);
  if (!row) throw notFound('Import');
  const customFields = (await listCustomFields(ctx)).map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options }));
  return { ...row, mapping: mappingSchema.parse(row.mapping), options: importOptionsSchema.parse(row.options), customFields };
}
