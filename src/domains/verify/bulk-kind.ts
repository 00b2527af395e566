import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { defineJobKind, type ItemOutcome } from '../jobs/index.js';
import type { VerifierNet } from './ports.js';
import type { VerifyResult } from './types.js';
import { leadsOfList } from './leads-of-list.js';
import { verifyEmails } from './verify-emails.js';

export const VERIFY_BULK_KIND = 'verify.bulk';

export const verifyBulkPayload = z.strictObject({
  skipSmtp: z.boolean().default(false),
  /** Verify the leads of this list (items seeded from it); absent: the items were given. */
  listId: z.guid().optional(),
  /** Where the addresses came from, for the label ("pasted", "upload.csv"). */
  source: z.string().max(200).default('pasted'),
});
export type VerifyBulkPayload = z.output<typeof verifyBulkPayload>;

/** What each item keeps: the whole contract result (small JSON). */
export type BulkItemResult = VerifyResult;

/**
 * Bulk verification on the jobs engine: an item per address (ref = the address as given),
 * chunks of 50 verified together (one DNS lookup and shared connections per domain), each
 * billed `email_verify` and refunded when the answer is unknown. Stats count statuses and
 * reasons (`valid`, `reason:accepted`…).
 */
export function verifyBulkKind(netOf: (ctx: Ctx) => VerifierNet) {
  return defineJobKind({
    kind: VERIFY_BULK_KIND,
    payload: verifyBulkPayload,
    chunkSize: 50,
    billing: { feature: 'email_verify' },
    describe: (p) => `Verify emails (${p.source})${p.skipSmtp ? ', no SMTP' : ''}`,
    seedItems: (ctx, p) => (p.listId ? leadsOfList(ctx, p.listId) : []),
    async process(ctx, chunk) {
      const results = await verifyEmails(ctx, netOf(ctx), chunk.items.map((i) => i.ref), { skipSmtp: chunk.payload.skipSmtp });
      const stats: Record<string, number> = {};
      const outcomes: ItemOutcome[] = chunk.items.map((item, i) => {
        const r = results[i]!;
        stats[r.status] = (stats[r.status] ?? 0) + 1;
        stats[`reason:${r.reason}`] = (stats[`reason:${r.reason}`] ?? 0) + 1;
        return { itemId: item.id, status: 'succeeded', result: r, billing: r.status === 'unknown' ? { refund: 'provider_error' } : 'charge' };
      });
      return { outcomes, stats };
    },
  });
}
