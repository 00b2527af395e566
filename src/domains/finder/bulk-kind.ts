import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { defineJobKind, type ItemOutcome } from '../jobs/index.js';
import type { VerifierNet } from '../verify/index.js';
import { findPeople } from './find-people.js';
import { peopleOfFilter, peopleOfLeads, peopleOfList, type PersonItemInput } from './people-of-list.js';
import { applySave, planSave, type SaveOutcome } from './save-found.js';
import type { FindResult } from './types.js';

export const FINDER_BULK_KIND = 'finder.bulk';

export const finderBulkPayload = z.strictObject({
  skipSmtp: z.boolean().default(false),
  minConfidence: z.number().int().min(0).max(100).default(0),
  /** Find the leads of this list that have no email (items seeded from it). */
  listId: z.guid().optional(),
  /** Or these leads (those without an email). */
  leadIds: z.array(z.guid()).max(10_000).optional(),
  /** Or the leads matching this leads filter (GET /leads query parameters) that have no email. */
  filter: z.record(z.string().max(100), z.string().max(1000)).optional(),
  /** Save found addresses: onto their leads (list, selection or filter source) or as leads of this list (file source). */
  save: z.boolean().default(false),
  targetListId: z.guid().optional(),
  source: z.string().max(200).default('pasted'),
});
export type FinderBulkPayload = z.output<typeof finderBulkPayload>;

/** What each item keeps: the finder's answer and, when saving, where the address went. */
export interface BulkFindItemResult extends FindResult {
  saved: SaveOutcome | null;
}

/**
 * Bulk finding on the jobs engine: an item per person (ref: the row number or the lead id),
 * chunks of 100 found together so that people of one domain share its facts and pattern (and the
 * shared caches carry them to the next chunks). `email_find` is charged per address returned and
 * refunded when nothing was found. Stats count valid / risky / not_found and SMTP probes.
 */
export function finderBulkKind(netOf: (ctx: Ctx) => VerifierNet) {
  return defineJobKind({
    kind: FINDER_BULK_KIND,
    payload: finderBulkPayload,
    chunkSize: 100,
    ioBound: true,
    billing: { feature: 'email_find' },
    describe: (p) => `Find emails (${p.source})${p.skipSmtp ? ', no SMTP' : ''}`,
    seedItems: (ctx, p) => (p.listId ? peopleOfList(ctx, p.listId) : p.leadIds ? peopleOfLeads(ctx, p.leadIds) : p.filter ? peopleOfFilter(ctx, p.filter) : []),
    async process(ctx, chunk) {
      const inputs = chunk.items.map((i) => i.input as PersonItemInput);
      const results = await findPeople(
        ctx,
        netOf(ctx),
        inputs.map((i) => i.person),
        { skipSmtp: chunk.payload.skipSmtp, minConfidence: chunk.payload.minConfidence },
      );
      const p = chunk.payload;
      const target = { jobId: chunk.jobId, listId: p.targetListId };
      const stats: Record<string, number> = {};
      const outcomes: ItemOutcome[] = [];
      for (const [i, item] of chunk.items.entries()) {
        const r = results[i]!;
        const saved = p.save ? await planSave(ctx, inputs[i]!, r, target) : null;
        stats[r.status] = (stats[r.status] ?? 0) + 1;
        stats.smtp_probes = (stats.smtp_probes ?? 0) + r.smtpProbes;
        if (saved) stats[`saved:${saved}`] = (stats[`saved:${saved}`] ?? 0) + 1;
        const result: BulkFindItemResult = { ...r, saved };
        outcomes.push({ itemId: item.id, status: 'succeeded', result, billing: r.email ? 'charge' : { refund: 'not_found' } });
      }
      return { outcomes, stats };
    },
    async commit(txCtx, chunk) {
      const p = chunk.payload;
      if (!p.save) return;
      const target = { jobId: chunk.jobId, listId: p.targetListId };
      const byId = new Map(chunk.items.map((i) => [i.id, i.input as PersonItemInput]));
      for (const outcome of chunk.outcomes) {
        const result = outcome.result as BulkFindItemResult | undefined;
        if (outcome.status === 'succeeded' && result?.saved) await applySave(txCtx, byId.get(outcome.itemId)!, result, target);
      }
    },
  });
}
