import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { startJob, type ItemSeed, type ItemSource } from '../jobs/index.js';
import { getVisibleList } from '../lists/index.js';
import { FINDER_BULK_KIND } from './bulk-kind.js';
import type { PersonInput } from './find-people.js';
import { personRowSchema } from './find-input.js';
import { checkPeopleFilter, type PersonItemInput } from './people-of-list.js';

export const MAX_BULK_PEOPLE = 100_000;

export const startBulkFindInput = z
  .strictObject({
    /** People given directly (API, pasted CSV read by the route, an uploaded file read by the adapter). */
    people: z.array(z.unknown()).min(1, 'at least one person is needed').max(MAX_BULK_PEOPLE).optional(),
    /** The leads of a list that have no email. */
    listId: z.guid('listId must be a list id').optional(),
    /** Chosen leads (those without an email are looked for): "find emails" on a selection. */
    leadIds: z.array(z.guid('leadIds must be lead ids')).min(1).max(10_000).optional(),
    /** The leads matching a leads filter (GET /leads query parameters) that have no email. */
    filter: z.record(z.string().max(100), z.string().max(1000)).optional(),
    skipSmtp: z.boolean().optional(),
    minConfidence: z.number().int().min(0).max(100).optional(),
    /** Save found addresses to their leads (list source) or into `targetListId` (people source). */
    save: z.boolean().optional(),
    targetListId: z.guid('targetListId must be a list id').optional(),
    source: z.string().max(200).optional(),
  });

/**
 * Starts a `finder.bulk` job over given people, or the leads without an email of a list, a selection or a leads filter. Given
 * rows are checked for shape (unknown fields, oversize values: refused with the row number); a
 * row without a name or a company is answered "not found" and costs nothing. Credits for every
 * person are reserved up front.
 */
export async function startBulkFind(ctx: Ctx, input: z.input<typeof startBulkFindInput>, fileRows?: AsyncIterable<PersonInput[]>) {
  const v = parseInput(startBulkFindInput, input);
  if ([v.people, v.listId, v.leadIds, v.filter, fileRows].filter((s) => s !== undefined).length !== 1) throw validationError('give one source: people, a file, listId, leadIds or filter');
  if (v.save && !v.listId && !v.leadIds && !v.filter && !v.targetListId) throw validationError('targetListId: saving found people needs a target list', { field: 'targetListId' });
  const base = { skipSmtp: v.skipSmtp ?? false, minConfidence: v.minConfidence ?? 0, save: v.save ?? false };
  if (v.targetListId) await getVisibleList(ctx, v.targetListId);
  if (v.leadIds) {
    const payload = { ...base, leadIds: [...new Set(v.leadIds)], source: (v.source ?? `${v.leadIds.length} selected leads`).slice(0, 200) };
    return startJob(ctx, { kind: FINDER_BULK_KIND, payload });
  }
  if (v.filter) {
    await checkPeopleFilter(ctx, v.filter);
    const payload = { ...base, filter: v.filter, source: (v.source ?? 'filtered leads').slice(0, 200) };
    return startJob(ctx, { kind: FINDER_BULK_KIND, payload });
  }
  if (v.listId) {
    const list = await getVisibleList(ctx, v.listId);
    const payload = { ...base, listId: v.listId, source: (v.source ?? `list ${list.name}`).slice(0, 200) };
    return startJob(ctx, { kind: FINDER_BULK_KIND, payload });
  }
  const rows = (v.people ?? []).map((p, i) => checkedPerson(p, i + 1));
  const items: ItemSource = fileRows ? seedsOf(fileRows) : [rows.map((person, i) => seed(person, i + 1))];
  const payload = { ...base, targetListId: v.targetListId, source: v.source ?? 'pasted' };
  return startJob(ctx, { kind: FINDER_BULK_KIND, payload, items });
}

function checkedPerson(raw: unknown, row: number): PersonInput {
  const parsed = personRowSchema.safeParse(raw);
  if (!parsed.success) throw validationError(`person ${row}: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { row });
  return parsed.data;
}

const seed = (person: PersonInput, row: number): ItemSeed => ({ ref: String(row), input: { person } satisfies PersonItemInput });

async function* seedsOf(batches: AsyncIterable<PersonInput[]>): AsyncIterable<ItemSeed[]> {
  let row = 0;
  for await (const batch of batches) yield batch.map((p) => seed(p, ++row));
}
