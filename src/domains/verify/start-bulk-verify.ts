import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import type { ImportDeps } from '../imports/index.js';
import { startJob, type ItemSeed, type JobView } from '../jobs/index.js';
import { getVisibleList } from '../lists/index.js';
import { VERIFY_BULK_KIND } from './bulk-kind.js';
import { pickEmailColumn } from './email-column.js';
import { checkLeadsFilter } from './leads-of-filter.js';
import { readAddressFile } from './result-format.js';

export const MAX_BULK_ADDRESSES = 100_000;
/** Uploaded files are streamed, so they may hold more addresses than a JSON body. */
export const MAX_UPLOAD_ADDRESSES = 1_000_000;
const MAX_ADDRESS_LENGTH = 320;

export const startBulkVerifyInput = z
  .strictObject({
    emails: z.array(z.string().max(MAX_ADDRESS_LENGTH)).max(MAX_BULK_ADDRESSES).optional(),
    /** Pasted text: one address per line, or CSV content with an email column. */
    text: z.string().max(20 * 1024 * 1024).optional(),
    /** A file uploaded with POST /imports/uploads (CSV or XLSX). */
    uploadId: z.guid('uploadId must be an upload id').optional(),
    /** The leads of a list that have an email. */
    listId: z.guid('listId must be a list id').optional(),
    /** The leads matching a leads filter (GET /leads query parameters) that have an email. */
    filter: z.record(z.string().max(100), z.string().max(1000)).optional(),
    /** Text / file sources: the header or 1-based number of the email column (else detected). */
    column: z.string().max(200).optional(),
    /** XLSX: the sheet to read (else the first). */
    sheet: z.string().max(200).optional(),
    skipSmtp: z.boolean().optional(),
    writeToLeads: z.boolean().optional(),
    source: z.string().max(200).optional(),
  })
  .refine((v) => [v.emails, v.text, v.uploadId, v.listId, v.filter].filter((x) => x !== undefined).length === 1, 'give exactly one of emails, text, uploadId, listId or filter');
export type StartBulkVerifyInput = z.input<typeof startBulkVerifyInput>;

/**
 * Starts a `verify.bulk` job over given addresses (a list, pasted text, an uploaded CSV/XLSX
 * file: blank cells dropped, order kept, duplicates kept — one result per input) or over the
 * leads of a list / a leads filter (item input: the lead id; statuses written back to the
 * leads unless `writeToLeads: false`). Credits are reserved for every address up front.
 */
export async function startBulkVerify(ctx: Ctx, input: StartBulkVerifyInput, deps?: ImportDeps): Promise<JobView> {
  const v = parseInput(startBulkVerifyInput, input);
  const skipSmtp = v.skipSmtp ?? false;
  const source = (s: string) => (v.source ?? s).slice(0, 200);
  if (v.listId) {
    const list = await getVisibleList(ctx, v.listId);
    // The kind seeds the items from the list, inside the job's own transaction.
    return startJob(ctx, { kind: VERIFY_BULK_KIND, payload: { skipSmtp, listId: v.listId, source: source(`list ${list.name}`), writeToLeads: v.writeToLeads ?? true } });
  }
  if (v.filter) {
    await checkLeadsFilter(ctx, v.filter);
    return startJob(ctx, { kind: VERIFY_BULK_KIND, payload: { skipSmtp, filter: v.filter, source: source('filtered leads'), writeToLeads: v.writeToLeads ?? true } });
  }
  const payload = { skipSmtp, writeToLeads: v.writeToLeads ?? false };
  if (v.uploadId) {
    if (!deps) throw new Error('startBulkVerify: file uploads need the imports reader');
    const upload = await deps.uploads.get(requireWorkspaceId(ctx), v.uploadId);
    const items = addressesOfFile(deps, upload.path, { column: v.column, sheet: v.sheet });
    return startJob(ctx, { kind: VERIFY_BULK_KIND, payload: { ...payload, source: source(upload.fileName) }, items });
  }
  let emails = v.emails ?? [];
  if (v.text !== undefined) {
    try {
      emails = readAddressFile(v.text, v.column);
    } catch (e) {
      throw validationError(`text: ${(e as Error).message}`);
    }
    if (emails.length > MAX_BULK_ADDRESSES) throw validationError(`text: at most ${MAX_BULK_ADDRESSES} addresses (upload a file for more)`);
  }
  const refs = emails.map((e) => e.trim()).filter(Boolean);
  if (refs.length === 0) throw validationError('no address to verify');
  return startJob(ctx, { kind: VERIFY_BULK_KIND, payload: { ...payload, source: source('pasted') }, items: [refs.map((ref) => ({ ref }))] });
}

const SEED_BATCH = 5_000;
const SAMPLE = 50;

/** The addresses of an uploaded file, streamed: the first rows pick the column, the rest follow in batches. */
async function* addressesOfFile(deps: ImportDeps, path: string, options: { column?: string; sheet?: string }): AsyncIterable<ItemSeed[]> {
  const info = await deps.reader.inspect(path, { sheet: options.sheet });
  const sample: string[][] = [];
  let picked: { index: number; hasHeader: boolean } | null = null;
  let batch: ItemSeed[] = [];
  let total = 0;
  const take = (cells: string[]) => {
    const ref = (cells[picked!.index] ?? '').trim().slice(0, MAX_ADDRESS_LENGTH);
    if (ref) batch.push({ ref });
  };
  for await (const record of deps.reader.records(path, info)) {
    if (!picked) {
      sample.push(record.cells);
      if (sample.length < SAMPLE) continue;
      picked = pickEmailColumn(sample, options.column);
      sample.slice(picked.hasHeader ? 1 : 0).forEach(take);
    } else take(record.cells);
    if (batch.length >= SEED_BATCH) {
      total += batch.length;
      if (total > MAX_UPLOAD_ADDRESSES) throw validationError(`the file has more than ${MAX_UPLOAD_ADDRESSES} addresses`);
      yield batch;
      batch = [];
    }
  }
  if (!picked) {
    if (sample.length === 0) throw validationError('the file has no rows');
    picked = pickEmailColumn(sample, options.column);
    sample.slice(picked.hasHeader ? 1 : 0).forEach(take);
  }
  total += batch.length;
  if (total === 0) throw validationError('the file has no address');
  if (batch.length > 0) yield batch;
}
