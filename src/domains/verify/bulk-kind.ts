import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { defineJobKind, type ItemOutcome } from '../jobs/index.js';
import type { VerifierNet } from './ports.js';
import type { VerifyResult } from './types.js';
import { leadsOfFilter } from './leads-of-filter.js';
import { leadsOfList } from './leads-of-list.js';
import { verifyEmails } from './verify-emails.js';
import { writeLeadStatuses } from './write-lead-statuses.js';

export const VERIFY_BULK_KIND = 'verify.bulk';

export const verifyBulkPayload = z.strictObject({
  skipSmtp: z.boolean().default(false),
  /** Verify the leads of this list (items seeded from it). */
  listId: z.guid().optional(),
  /** Verify the leads matching this leads filter (GET /leads parameters; items seeded from it). */
  filter: z.record(z.string(), z.string()).optional(),
  /** Where the addresses came from, for the label ("pasted", "upload.csv"). */
  source: z.string().max(200).default('pasted'),
  /** Write each result to the leads' email status (the item's lead, else the leads with that address). */
  writeToLeads: z.boolean().default(false),
});
export type VerifyBulkPayload = z.output<typeof verifyBulkPayload>;

/** What each item keeps: the whole contract result (small JSON). */
export type BulkItemResult = VerifyResult;

const leadIdOf = (input: unknown): string | null => {
  const id = (input as { leadId?: unknown } | null)?.leadId;
  return typeof id === 'string' ? id : null;
};

/**
 * Bulk verification on the jobs engine: an item per address (ref = the address as given),
 * chunks of 1,000 verified together (one DNS lookup and shared connections per domain; the
 * connections stay open for the next chunk; I/O-bound: a worker runs several chunks at once so
 * that every domain's capped connections stay busy), each
 * billed `email_verify` and refunded when the answer is unknown. Stats count statuses and
 * reasons (`valid`, `reason:accepted`…). With `writeToLeads`, the chunk's transaction also
 * writes the statuses to the leads.
 */
export function verifyBulkKind(netOf: (ctx: Ctx) => VerifierNet) {
  return defineJobKind({
    kind: VERIFY_BULK_KIND,
    payload: verifyBulkPayload,
    chunkSize: 1000,
    ioBound: true,
    billing: { feature: 'email_verify' },
    describe: (p) => `Verify emails (${p.source})${p.skipSmtp ? ', no SMTP' : ''}`,
    seedItems: (ctx, p) => (p.listId ? leadsOfList(ctx, p.listId) : p.filter ? leadsOfFilter(ctx, p.filter) : []),
    async process(ctx, chunk) {
      const results = await verifyEmails(ctx, netOf(ctx), chunk.items.map((i) => i.ref), { skipSmtp: chunk.payload.skipSmtp, keepConnections: true });
      const stats: Record<string, number> = {};
      const outcomes: ItemOutcome[] = chunk.items.map((item, i) => {
        const r = results[i]!;
        stats[r.status] = (stats[r.status] ?? 0) + 1;
        stats[`reason:${r.reason}`] = (stats[`reason:${r.reason}`] ?? 0) + 1;
        return { itemId: item.id, status: 'succeeded', result: r, billing: r.status === 'unknown' ? { refund: 'provider_error' } : 'charge' };
      });
      return { outcomes, stats };
    },
    async commit(txCtx, chunk) {
      if (!chunk.payload.writeToLeads) return;
      const inputs = new Map(chunk.items.map((i) => [i.id, i.input]));
      const writes = chunk.outcomes
        .filter((o) => o.status === 'succeeded' && o.result)
        .map((o) => ({ leadId: leadIdOf(inputs.get(o.itemId)), result: o.result as VerifyResult }));
      await writeLeadStatuses(txCtx, writes, { ref: chunk.jobId, label: `Verify job ${chunk.jobId.slice(0, 8)}` });
    },
  });
}
