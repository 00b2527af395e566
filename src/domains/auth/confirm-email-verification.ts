import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from './auth.tables.js';
import { emailLinkTokenSchema } from './confirm-password-reset.js';
import { consumeEmailToken } from './email-tokens.js';

export const confirmEmailVerificationInput = z.object({ token: emailLinkTokenSchema });

/** Marks the address of the token's account as verified (the link proves the mailbox). */
export async function confirmEmailVerification(ctx: Ctx, raw: z.input<typeof confirmEmailVerificationInput>): Promise<void> {
  const input = parseInput(confirmEmailVerificationInput, raw);
  await withTransaction(ctx, async (tx) => {
    const { userId } = await consumeEmailToken(tx, input.token, 'verify_email');
    const now = tx.clock.now();
    await tx.db
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    const userCtx: Ctx = { ...tx, actor: { ...tx.actor, type: 'user', userId } };
    await recordAudit(userCtx, { action: 'auth.email_verified', workspaceId: null, targetType: 'user', targetId: userId });
  });
}
