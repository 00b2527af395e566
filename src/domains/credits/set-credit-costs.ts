import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { assertRole } from '../../core/roles.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { creditCosts } from './credits.tables.js';
import { featureSchema, milliSchema } from './input.js';
import { listCreditCosts, type CreditCost } from './list-credit-costs.js';

const inputSchema = z.object({
  /** feature → cost in milli-credits; null removes the override (back to the default). */
  costs: z.record(featureSchema, milliSchema.nullable()).refine((c) => Object.keys(c).length <= 100, 'at most 100 features at once'),
});

/** Sets or clears the workspace's cost overrides (admin); answers the resulting table. */
export async function setCreditCosts(ctx: Ctx, input: { costs: Record<string, number | null> }): Promise<CreditCost[]> {
  const workspaceId = requireWorkspaceId(ctx);
  if (ctx.actor.type !== 'system') assertRole(ctx.actor.role, 'admin', 'change credit costs');
  const v = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    for (const [feature, costMilli] of Object.entries(v.costs)) {
      if (costMilli === null) {
        await tx.db.delete(creditCosts).where(and(eq(creditCosts.workspaceId, workspaceId), eq(creditCosts.feature, feature)));
      } else {
        await tx.db
          .insert(creditCosts)
          .values({ workspaceId, feature, costMilli, updatedAt: now })
          .onConflictDoUpdate({ target: [creditCosts.workspaceId, creditCosts.feature], set: { costMilli: sql`excluded.cost_milli`, updatedAt: now } });
      }
    }
    await recordAudit(tx, { action: 'credits.costs_changed', targetType: 'workspace', targetId: workspaceId, metadata: { costs: v.costs } });
    return listCreditCosts(tx);
  });
}
