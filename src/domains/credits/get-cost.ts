import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { DEFAULT_COSTS_MILLI, type CreditFeature } from './constants.js';
import { creditCosts } from './credits.tables.js';

/** `email_find`, `email_verify`, `enrich:<provider>`… */
export const featureSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,49}(:[a-z0-9][a-z0-9_.-]{0,49})?$/, 'feature must look like email_find or enrich:<provider>');

/** The cost of one operation of a feature: the workspace's override, else the default. */
export async function getCostMilli(ctx: Ctx, feature: CreditFeature): Promise<number> {
  const workspaceId = requireWorkspaceId(ctx);
  const [override] = await ctx.db
    .select({ costMilli: creditCosts.costMilli })
    .from(creditCosts)
    .where(and(eq(creditCosts.workspaceId, workspaceId), eq(creditCosts.feature, feature)))
    .limit(1);
  if (override) return override.costMilli;
  const def = Object.hasOwn(DEFAULT_COSTS_MILLI, feature) ? DEFAULT_COSTS_MILLI[feature] : undefined;
  if (def === undefined) throw validationError(`No credit cost is configured for the feature "${feature}"`, { feature });
  return def;
}
