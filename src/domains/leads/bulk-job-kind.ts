import { and, asc, gt } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type Actor, type Ctx } from '../../core/context.js';
import { defineJobKind, registerJobKind, type ItemSeed } from '../jobs/index.js';
import { applyBulkAction } from './apply-bulk-action.js';
import { bulkActionSchema } from './bulk-action-input.js';
import { leadQueryShape, resolveLeadQuery } from './lead-query.js';
import { leads } from './leads.tables.js';

export const LEADS_BULK_KIND = 'leads.bulk';
const SEED_BATCH = 5000;

export const leadsBulkPayload = z.strictObject({
  action: bulkActionSchema,
  /** Who asked: the changes are theirs in the timeline, and lists are checked with their rights. */
  actor: z.strictObject({
    type: z.enum(['user', 'api_key', 'system']),
    userId: z.uuid().optional(),
    apiKeyId: z.uuid().optional(),
    role: z.enum(['owner', 'admin', 'member', 'viewer']).optional(),
  }),
  /** An explicit selection… */
  ids: z.array(z.uuid()).optional(),
  /** …or every lead matching this query when the job starts. */
  match: z.strictObject(leadQueryShape).optional(),
});
export type LeadsBulkPayload = z.output<typeof leadsBulkPayload>;

/** The ids of the selection, read once when the job starts (a snapshot: leads added later are not touched). */
async function* selectionIds(ctx: Ctx, p: LeadsBulkPayload): AsyncGenerator<ItemSeed[]> {
  if (p.ids) {
    const ids = [...new Set(p.ids)];
    for (let i = 0; i < ids.length; i += SEED_BATCH) yield ids.slice(i, i + SEED_BATCH).map((ref) => ({ ref }));
    return;
  }
  const { where } = await resolveLeadQuery(ctx, p.match ?? {});
  let after: string | null = null;
  for (;;) {
    const rows: { id: string }[] = await ctx.db
      .select({ id: leads.id })
      .from(leads)
      .where(after ? and(where, gt(leads.id, after)) : where)
      .orderBy(asc(leads.id))
      .limit(SEED_BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ref: r.id }));
    after = rows[rows.length - 1]!.id;
    if (rows.length < SEED_BATCH) return;
  }
}

/**
 * Large bulk actions (tag, list, stage, owner, delete, restore) on the jobs engine: an item per
 * lead, chunks of 500, each applied in its chunk's transaction (so a crash repeats nothing and
 * loses nothing; every action is idempotent anyway). Not billed.
 */
export const leadsBulkKind = defineJobKind({
  kind: LEADS_BULK_KIND,
  payload: leadsBulkPayload,
  chunkSize: 500,
  retry: { maxAttempts: 3 },
  describe: (p) => `Bulk ${p.action.type.replace(/_/g, ' ')} of leads`,
  seedItems: selectionIds,
  process: async (_ctx, chunk) => chunk.items.map((item) => ({ itemId: item.id, status: 'succeeded' as const })),
  async commit(txCtx, chunk) {
    const actor: Actor = { ...chunk.payload.actor };
    const ids = chunk.outcomes.map((o) => chunk.items.find((i) => i.id === o.itemId)!.ref);
    await applyBulkAction(withActor(txCtx, actor), chunk.payload.action, ids);
  },
});
// Registered wherever the leads domain is loaded (serve, worker, CLI): any worker can run it.
registerJobKind(leadsBulkKind);
