import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { startJob, type ItemSeed } from '../jobs/index.js';
import { getVisibleList } from '../lists/index.js';
import { VERIFY_BULK_KIND } from './bulk-kind.js';

export const MAX_BULK_ADDRESSES = 100_000;

export const startBulkVerifyInput = z
  .strictObject({
    emails: z.array(z.string().max(320)).min(1, 'at least one address is needed').max(MAX_BULK_ADDRESSES).optional(),
    /** The leads of a list that have an email. */
    listId: z.guid('listId must be a list id').optional(),
    skipSmtp: z.boolean().optional(),
    source: z.string().max(200).optional(),
  })
  .refine((v) => (v.emails === undefined) !== (v.listId === undefined), 'give either emails or listId');

/**
 * Starts a `verify.bulk` job over pasted or uploaded addresses (blank lines dropped, order kept,
 * duplicates kept: one result per input) or over the leads of a list the caller can see (item
 * input: the lead id). Credits are reserved for every address up front.
 */
export async function startBulkVerify(ctx: Ctx, input: z.input<typeof startBulkVerifyInput>) {
  const v = parseInput(startBulkVerifyInput, input);
  const skipSmtp = v.skipSmtp ?? false;
  if (v.listId) {
    const list = await getVisibleList(ctx, v.listId);
    // The kind seeds the items from the list, inside the job's own transaction.
    const payload = { skipSmtp, listId: v.listId, source: (v.source ?? `list ${list.name}`).slice(0, 200) };
    return startJob(ctx, { kind: VERIFY_BULK_KIND, payload });
  }
  const emails = (v.emails ?? []).map((e) => e.trim()).filter(Boolean);
  if (emails.length === 0) throw validationError('emails: at least one address is needed');
  const items: ItemSeed[][] = [emails.map((ref) => ({ ref }))];
  return startJob(ctx, { kind: VERIFY_BULK_KIND, payload: { skipSmtp, source: v.source ?? 'pasted' }, items });
}
