import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import type { ItemSeed } from '../jobs/index.js';
import { leadListItems, leads } from '../leads/index.js';

const LEAD_BATCH = 5_000;

/** Items for the live leads of a list that have an email (ref: the address; input: the lead id), in lead-id order. */
export async function* leadsOfList(ctx: Ctx, listId: string): AsyncIterable<ItemSeed[]> {
  const workspaceId = requireWorkspaceId(ctx);
  let after: string | undefined;
  for (;;) {
    const rows = await ctx.db
      .select({ id: leads.id, email: leads.emailNormalized })
      .from(leadListItems)
      .innerJoin(leads, eq(leads.id, leadListItems.leadId))
      .where(
        and(
          eq(leadListItems.listId, listId),
          eq(leadListItems.workspaceId, workspaceId),
          eq(leads.workspaceId, workspaceId),
          isNull(leads.deletedAt),
          isNotNull(leads.emailNormalized),
          after ? gt(leads.id, after) : undefined,
        ),
      )
      .orderBy(asc(leads.id))
      .limit(LEAD_BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ref: r.email!, input: { leadId: r.id } }));
    after = rows[rows.length - 1]!.id;
  }
}
