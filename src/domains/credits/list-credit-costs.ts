import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { DEFAULT_COSTS_MILLI } from './constants.js';
import { creditCosts } from './credits.tables.js';

export interface CreditCost {
  feature: string;
  costMilli: number;
  defaultMilli: number | null;
  source: 'default' | 'workspace';
}

/** Every feature with a cost: the defaults, with the workspace's overrides applied. */
export async function listCreditCosts(ctx: Ctx): Promise<CreditCost[]> {
  const workspaceId = requireWorkspaceId(ctx);
  const overrides = await ctx.db.select().from(creditCosts).where(eq(creditCosts.workspaceId, workspaceId));
  const costs = new Map<string, CreditCost>();
  for (const [feature, costMilli] of Object.entries(DEFAULT_COSTS_MILLI)) {
    costs.set(feature, { feature, costMilli, defaultMilli: costMilli, source: 'default' });
  }
  for (const o of overrides) {
    costs.set(o.feature, { feature: o.feature, costMilli: o.costMilli, defaultMilli: DEFAULT_COSTS_MILLI[o.feature] ?? null, source: 'workspace' });
  }
  return [...costs.values()].sort((a, b) => a.feature.localeCompare(b.feature));
}
