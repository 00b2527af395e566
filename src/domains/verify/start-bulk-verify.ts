import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { startJob } from '../jobs/index.js';
import { VERIFY_BULK_KIND } from './bulk-kind.js';

export const MAX_BULK_ADDRESSES = 100_000;

export const startBulkVerifyInput = z.strictObject({
  emails: z.array(z.string().max(320)).min(1, 'at least one address is needed').max(MAX_BULK_ADDRESSES),
  skipSmtp: z.boolean().optional(),
  source: z.string().max(200).optional(),
});

/**
 * Starts a `verify.bulk` job over pasted or uploaded addresses (blank lines dropped, order kept,
 * duplicates kept: one result per input). Credits are reserved for every address up front.
 */
export async function startBulkVerify(ctx: Ctx, input: z.input<typeof startBulkVerifyInput>) {
  const v = parseInput(startBulkVerifyInput, input);
  const emails = v.emails.map((e) => e.trim()).filter(Boolean);
  if (emails.length === 0) throw validationError('emails: at least one address is needed');
  return startJob(ctx, {
    kind: VERIFY_BULK_KIND,
    payload: { skipSmtp: v.skipSmtp ?? false, source: v.source ?? 'pasted' },
    items: [emails.map((ref) => ({ ref }))],
  });
}
