import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { startJob } from '../jobs/index.js';
import { createCustomField, ensureLeadSource, listCustomFields } from '../leads/index.js';
import { createList, getList } from '../lists/index.js';
import { assertActorRole } from '../workspaces/index.js';
import { IMPORT_JOB_KIND, rowsPerItem } from './import-kind.js';
import { startImportSchema, type StartImportInput } from './import-input.js';
import { imports } from './imports.tables.js';
import { rememberMapping } from './remember-mapping.js';
import type { ImportDeps } from './upload-store.js';
import { getImport, type ImportView } from './get-import.js';
import { eq } from 'drizzle-orm';

/**
 * Starts an import of an uploaded file: counts its rows (streaming), creates the target list
 * and missing custom fields, records the import and its source, remembers the mapping for
 * this layout, and starts the job that writes the rows chunk by chunk.
 */
export async function startImport(ctx: Ctx, deps: ImportDeps, input: StartImportInput): Promise<ImportView> {
  assertActorRole(ctx, 'member', 'import leads');
  const workspaceId = requireWorkspaceId(ctx);
  const data = parseInput(startImportSchema, input);
  if (data.listId && data.newListName) throw validationError('Give either listId or newListName, not both');
  if (!data.mapping.some((m) => m.field)) throw validationError('The mapping imports no column');
  const upload = await deps.uploads.get(workspaceId, data.uploadId);
  const info = await deps.reader.inspect(upload.path, { sheet: data.options.sheet });
  const { records, width } = await deps.reader.count(upload.path, info);
  const total = records - (data.options.hasHeader ? 1 : 0);
  if (total <= 0) throw validationError(records === 0 ? 'The file has no rows' : 'The file has a header row but no data rows');
  const outside = data.mapping.find((m) => m.index >= width);
  if (outside) throw validationError(`The mapping names column ${outside.index + 1}; the file has ${width}`);

  const importId = await withTransaction(ctx, async (tx) => {
    const listId = data.listId ? (await getList(tx, data.listId)).id : data.newListName ? (await createList(tx, { name: data.newListName })).id : null;
    const known = new Set((await listCustomFields(tx)).map((f) => f.key));
    for (const col of data.mapping) {
      const key = col.field?.startsWith('custom.') ? col.field.slice(7) : null;
      if (key && !known.has(key)) await createCustomField(tx, { key, label: (col.header || key).slice(0, 100), type: 'text' });
    }
    const [row] = await tx.db
      .insert(imports)
      .values({
        workspaceId,
        fileName: upload.fileName,
        filePath: upload.path,
        fileInfo: { ...info, bytes: upload.bytes },
        mapping: data.mapping,
        options: data.options,
        listId,
        totalRows: total,
        createdByUserId: tx.actor.userId ?? null,
        createdByApiKeyId: tx.actor.apiKeyId ?? null,
      })
      .returning({ id: imports.id });
    const id = row!.id;
    const sourceId = await ensureLeadSource(tx, { kind: 'import', ref: id, label: upload.fileName });
    if (data.options.hasHeader) {
      const headers = Array.from({ length: width }, (_, i) => data.mapping.find((m) => m.index === i)?.header ?? '');
      await rememberMapping(tx, headers, data.mapping);
    }
    const job = await startJob(tx, {
      kind: IMPORT_JOB_KIND,
      payload: { importId: id },
      label: `Import ${upload.fileName}`,
      items: blocks(total),
    });
    await tx.db.update(imports).set({ sourceId, jobId: job.id }).where(eq(imports.id, id));
    return id;
  });
  return getImport(ctx, importId);
}

function* blocks(total: number) {
  const batch = [];
  const size = rowsPerItem(total);
  for (let from = 0; from < total; from += size) {
    const to = Math.min(total, from + size);
    batch.push({ ref: `rows:${from + 1}-${to}`, input: { from, to } });
    if (batch.length === 1000) yield batch.splice(0);
  }
  if (batch.length) yield batch;
}
