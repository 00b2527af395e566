import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { defineJobKind, type ItemOutcome } from '../jobs/index.js';
import { listCustomFields } from '../leads/index.js';
import { importOptionsSchema, mappingSchema } from './import-input.js';
import { imports } from './imports.tables.js';
import { prepareImportRows, type PreparedImportRow, type RowError } from './prepare-import-rows.js';
import type { TableFileInfo, TableFileReader, TableRecord } from './table-file.js';
import { writeImportChunk } from './write-import-chunk.js';

export const IMPORT_JOB_KIND = 'imports.leads';
/** Rows per job item; one item per chunk, so a chunk commits this many rows at once. */
export const ROWS_PER_ITEM = 1_000;

const payload = z.strictObject({ importId: z.uuid() });

interface Cursor {
  iterator: AsyncIterator<TableRecord>;
  /** Index of the next data record the iterator yields. */
  next: number;
}

/**
 * The import job: each item is a block of data rows (`rows:<from>-<to>`); `process` reads and
 * prepares the block outside the transaction, `commit` writes it in the chunk's transaction.
 * Blocks run in order, so one open reader per import continues where the last block stopped;
 * after a restart the reader skips to the block (parsing only).
 */
export function importLeadsKind(reader: TableFileReader) {
  const cursors = new Map<string, Cursor>();
  const stash = new Map<string, { rows: PreparedImportRow[]; errors: RowError[]; imp: Awaited<ReturnType<typeof loadImport>> }>();

  async function readBlock(imp: { id: string; filePath: string; fileInfo: unknown; options: { hasHeader: boolean } }, from: number, to: number) {
    let cursor = cursors.get(imp.id);
    if (!cursor || cursor.next > from) {
      await cursor?.iterator.return?.();
      const iterator = reader.records(imp.filePath, imp.fileInfo as TableFileInfo)[Symbol.asyncIterator]();
      if (imp.options.hasHeader) await iterator.next();
      cursor = { iterator, next: 0 };
      cursors.set(imp.id, cursor);
    }
    const out: TableRecord[] = [];
    while (cursor.next < to) {
      const step = await cursor.iterator.next();
      if (step.done) break;
      if (cursor.next >= from) out.push(step.value);
      cursor.next++;
    }
    if (cursor.next < to) {
      cursors.delete(imp.id);
      await cursor.iterator.return?.();
    }
    return out;
  }

  return defineJobKind({
    kind: IMPORT_JOB_KIND,
    payload,
    chunkSize: 1,
    retry: { maxAttempts: 3 },
    describe: () => 'Import leads',
    async process(ctx, chunk) {
      const imp = await loadImport(ctx, chunk.payload.importId);
      const outcomes: ItemOutcome[] = [];
      for (const item of chunk.items) {
        const { from, to } = item.input as { from: number; to: number };
        const records = await readBlock(imp, from, to);
        const { rows, errors } = prepareImportRows(records, {
          mapping: imp.mapping,
          options: imp.options,
          workspaceId: imp.workspaceId,
          sourceId: imp.sourceId ?? 0,
          now: ctx.clock.now(),
          customFields: imp.customFields,
        });
        stash.set(`${chunk.jobId}:${chunk.chunkNo}`, { rows, errors, imp });
        outcomes.push({ itemId: item.id, status: 'succeeded', billing: 'free', result: { rows: records.length } });
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
      const { imp } = staged;
      await writeImportChunk(
        tx,
        { id: imp.id, sourceId: imp.sourceId ?? 0, listId: imp.listId, options: imp.options, customFields: imp.customFields },
        staged.rows,
        staged.errors,
      );
    },
  });
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
