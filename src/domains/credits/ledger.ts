import type { Ctx } from '../../core/context.js';
import type { CreditReference, LedgerKind } from './constants.js';
import { creditLedger } from './credits.tables.js';

export interface LedgerEntry {
  workspaceId: string;
  kind: LedgerKind;
  amountMilli: number;
  balanceAfterMilli: number;
  reservedAfterMilli: number;
  feature?: string | null;
  reference?: CreditReference | null;
  reservationId?: string | null;
  idempotencyKey?: string | null;
  reason?: string | null;
}

/** Appends one ledger row for the context's actor; returns its id. */
export async function appendLedger(ctx: Ctx, e: LedgerEntry): Promise<string> {
  const [row] = await ctx.db
    .insert(creditLedger)
    .values({
      workspaceId: e.workspaceId,
      kind: e.kind,
      amountMilli: e.amountMilli,
      feature: e.feature ?? null,
      referenceType: e.reference?.type ?? null,
      referenceId: e.reference?.id ?? null,
      reservationId: e.reservationId ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
      reason: e.reason ?? null,
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId ?? null,
      actorApiKeyId: ctx.actor.apiKeyId ?? null,
      balanceAfterMilli: e.balanceAfterMilli,
      reservedAfterMilli: e.reservedAfterMilli,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: creditLedger.id });
  return String(row!.id);
}
