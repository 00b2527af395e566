import { z } from 'zod';
import { LIMITS, STAGES } from './fields.js';
import { leadQueryShape } from './lead-query.js';

/** Selections up to this size run at once, in one transaction; larger ones run as a `leads.bulk` job. */
export const BULK_SYNC_LIMIT = 1000;
/** At most this many explicit ids per request (larger selections: "everything matching" a filter). */
export const BULK_MAX_IDS = 10_000;

const tags = z.array(z.string().trim().min(1).max(LIMITS.tag)).min(1, 'give at least one tag').max(20, 'at most 20 tags at once');

/** What to do to every selected lead. */
export const bulkActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tag'), tags }),
  z.strictObject({ type: z.literal('untag'), tags }),
  z.strictObject({ type: z.literal('add_to_list'), list_id: z.uuid() }),
  z.strictObject({ type: z.literal('remove_from_list'), list_id: z.uuid() }),
  z.strictObject({ type: z.literal('set_stage'), stage: z.enum(STAGES) }),
  z.strictObject({ type: z.literal('set_owner'), owner_id: z.uuid().nullable() }),
  /** Soft delete: restorable for 30 days (`restore`, or POST /leads/:id/restore). */
  z.strictObject({ type: z.literal('delete') }),
  /** Brings soft-deleted leads back (within 30 days, and when their email is still free). */
  z.strictObject({ type: z.literal('restore') }),
]);
export type BulkAction = z.output<typeof bulkActionSchema>;

/** A selection: explicit ids, or every lead matching a query (a filter, a search, a saved view…). */
export const bulkLeadsSchema = z
  .strictObject({
    action: bulkActionSchema,
    ids: z.array(z.uuid()).min(1, 'give at least one lead id').max(BULK_MAX_IDS, `at most ${BULK_MAX_IDS} ids; select by filter for more`).optional(),
    match: z.strictObject(leadQueryShape).optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.match === undefined), { message: 'give either ids or match (everything matching a filter)', path: ['ids'] });
export type BulkLeadsInput = z.input<typeof bulkLeadsSchema>;

export type BulkLeadsResult =
  | { mode: 'sync'; matched: number; changed: number }
  | { mode: 'job'; matched: number; jobId: string };
