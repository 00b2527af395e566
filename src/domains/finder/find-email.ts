import { randomUUID } from 'node:crypto';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { chargeCredits, getCostMilli, refundCredits } from '../credits/index.js';
import type { VerifierNet } from '../verify/index.js';
import { findEmailInput, type FindEmailInput } from './find-input.js';
import { findPeople } from './find-people.js';
import type { FindResult } from './types.js';

export interface ChargedFindResult extends FindResult {
  /** Milli-credits this request cost: the `email_find` cost when an address was returned, else 0. */
  chargedMilli: number;
}

/**
 * Finds one person's address for a workspace. `email_find` is charged up front under the
 * request's idempotency key (an empty balance refuses before any SMTP) and refunded when nothing
 * is found; a repeated key is not charged again.
 */
export async function findEmail(ctx: Ctx, net: VerifierNet, input: FindEmailInput, options: { idempotencyKey?: string } = {}): Promise<ChargedFindResult> {
  const workspaceId = requireWorkspaceId(ctx);
  const { skipSmtp, minConfidence, ...person } = parseInput(findEmailInput, input);
  const requestKey = options.idempotencyKey ?? ctx.requestId ?? randomUUID();
  const idempotencyKey = `email_find:${workspaceId}:${requestKey}`;
  const cost = await getCostMilli(ctx, 'email_find');
  const charge =
    cost > 0
      ? await chargeCredits(ctx, { amountMilli: cost, feature: 'email_find', idempotencyKey, reference: { type: 'email_find', id: requestKey } })
      : { charged: false };
  let result: FindResult;
  try {
    [result] = (await findPeople(ctx, net, [person], { skipSmtp, minConfidence })) as [FindResult];
  } catch (e) {
    if (charge.charged) await refundCredits(ctx, { idempotencyKey, reason: 'finding failed' });
    throw e;
  }
  if (result.email === null && charge.charged) {
    await refundCredits(ctx, { idempotencyKey, reason: `nothing found (${result.reason})` });
    return { ...result, chargedMilli: 0 };
  }
  return { ...result, chargedMilli: charge.charged ? cost : 0 };
}
