import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { unauthenticated } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from './auth.tables.js';
import { consumeEmailToken, expireEmailTokens } from './email-tokens.js';
import { clearLoginFailures } from './login-throttle.js';
import { hashPassword, newPasswordSchema } from './password.js';
import { revokeUserSessions } from './sessions.js';

export const emailLinkTokenSchema = z.string({ error: 'Token is required' }).trim().min(1, 'Token is required').max(200, 'This link is not valid');
export const confirmPasswordResetInput = z.object({ token: emailLinkTokenSchema, newPassword: newPasswordSchema });

/**
 * Sets a new password from a reset link. The link is single-use; every session of the
 * account ends (whoever had the old password is out) and the log-in throttle resets. The
 * link reached the mailbox, so the address counts as verified too.
 */
export async function confirmPasswordReset(ctx: Ctx, raw: z.input<typeof confirmPasswordResetInput>): Promise<void> {
  const input = parseInput(confirmPasswordResetInput, raw);
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx) => {
    const { userId } = await consumeEmailToken(tx, input.token, 'reset_password');
    const [user] = await tx.db.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw unauthenticated('This account no longer exists');
    const now = tx.clock.now();
    await tx.db
      .update(users)
      .set({ passwordHash, updatedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now })
      .where(eq(users.id, userId));
    await expireEmailTokens(tx, userId, 'reset_password');
    await revokeUserSessions(tx, userId);
    await clearLoginFailures(tx, user.email);
    const userCtx: Ctx = { ...tx, actor: { ...tx.actor, type: 'user', userId } };
    await recordAudit(userCtx, { action: 'auth.password_reset_completed', workspaceId: null, targetType: 'user', targetId: userId });
  });
}
