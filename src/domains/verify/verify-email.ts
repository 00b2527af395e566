import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { chargeCredits, getCostMilli, refundCredits } from '../credits/index.js';
import type { VerifierNet } from './ports.js';
import type { VerifyResult } from './types.js';
import { verifyEmails } from './verify-emails.js';
import { writeLeadStatuses } from './write-lead-statuses.js';

export const verifyEmailInput = z.strictObject({
  email: z.string().min(1, 'email is required').max(320, 'email is too long'),
  skipSmtp: z.boolean().optional(),
});
export type VerifyEmailInput = z.input<typeof verifyEmailInput>;

export interface ChargedVerifyResult extends VerifyResult {
  /** Milli-credits this request cost (0 when the answer was unknown and refunded, or a repeat). */
  chargedMilli: number;
}

/**
 * Verifies one address for a workspace. The cost of `email_verify` is charged up front under
 * the request's idempotency key (so an empty balance refuses before any SMTP) and refunded when
 * the answer is `unknown`; a repeated key is not charged again. The workspace's leads with this
 * address get the answer as their email status (an unknown answer keeps a definite status).
 */
export async function verifyEmailForWorkspace(
  ctx: Ctx,
  net: VerifierNet,
  input: VerifyEmailInput,
  options: { idempotencyKey?: string } = {},
): Promise<ChargedVerifyResult> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(verifyEmailInput, input);
  const requestKey = options.idempotencyKey ?? ctx.requestId ?? randomUUID();
  const idempotencyKey = `email_verify:${workspaceId}:${requestKey}`;
  const cost = await getCostMilli(ctx, 'email_verify');
  const charge =
    cost > 0
      ? await chargeCredits(ctx, { amountMilli: cost, feature: 'email_verify', idempotencyKey, reference: { type: 'email_verify', id: requestKey } })
      : { charged: false };
  let result: VerifyResult;
  try {
    [result] = (await verifyEmails(ctx, net, [v.email], { skipSmtp: v.skipSmtp })) as [VerifyResult];
  } catch (e) {
    if (charge.charged) await refundCredits(ctx, { idempotencyKey, reason: 'verification failed' });
    throw e;
  }
  await writeLeadStatuses(ctx, [{ leadId: null, result }], { ref: 'single', label: 'Single verification' });
  if (result.status === 'unknown' && charge.charged) {
    await refundCredits(ctx, { idempotencyKey, reason: `verification inconclusive (${result.reason})` });
    return { ...result, chargedMilli: 0 };
  }
  return { ...result, chargedMilli: charge.charged ? cost : 0 };
}
