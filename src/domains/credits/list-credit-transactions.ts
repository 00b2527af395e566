import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { ensureAccount } from './account.js';
import { LEDGER_KINDS, type LedgerKind } from './constants.js';
import { creditLedger } from './credits.tables.js';
import { featureSchema } from './input.js';

const inputSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** The id of the last row of the previous page. */
  cursor: z.string().regex(/^\d{1,18}$/, 'cursor must be a transaction id').optional(),
  kind: z.enum(LEDGER_KINDS).optional(),
  feature: featureSchema.optional(),
});

export interface CreditTransaction {
  id: string;
  kind: LedgerKind;
  amountMilli: number;
  feature: string | null;
  reference: { type: string; id: string } | null;
  reservationId: string | null;
  reason: string | null;
  actorType: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  balanceAfterMilli: number;
  reservedAfterMilli: number;
  createdAt: Date;
}

/** The ledger of the workspace, newest first, one keyset page at a time. */
export async function listCreditTransactions(
  ctx: Ctx,
  input: z.input<typeof inputSchema> = {},
): Promise<{ items: CreditTransaction[]; nextCursor: string | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  const where: SQL[] = [eq(creditLedger.workspaceId, workspaceId)];
  if (v.kind) where.push(eq(creditLedger.kind, v.kind));
  if (v.feature) where.push(eq(creditLedger.feature, v.feature));
  if (v.cursor) where.push(lt(creditLedger.id, Number(v.cursor)));
  // The first look at the credits page asks for balance and ledger at once: the opening grant
  // must be there whichever answers first.
  await ensureAccount(ctx, workspaceId);
  const rows = await ctx.db
    .select()
    .from(creditLedger)
    .where(and(...where))
    .orderBy(desc(creditLedger.id))
    .limit(v.limit + 1);
  const page = rows.slice(0, v.limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      amountMilli: r.amountMilli,
      feature: r.feature,
      reference: r.referenceType && r.referenceId ? { type: r.referenceType, id: r.referenceId } : null,
      reservationId: r.reservationId,
      reason: r.reason,
      actorType: r.actorType,
      actorUserId: r.actorUserId,
      actorApiKeyId: r.actorApiKeyId,
      balanceAfterMilli: r.balanceAfterMilli,
      reservedAfterMilli: r.reservedAfterMilli,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > v.limit ? String(page[page.length - 1]!.id) : null,
  };
}
