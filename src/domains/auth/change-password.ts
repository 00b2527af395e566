import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireUserId } from '../../core/context.js';
import { unauthenticated, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from './auth.tables.js';
import { assertLoginAllowed, recordLoginFailure } from './login-throttle.js';
import { hashPassword, newPasswordSchema, presentedPasswordSchema, verifyPassword } from './password.js';
import { revokeUserSessions } from './sessions.js';

export const changePasswordInput = z.object({ currentPassword: presentedPasswordSchema, newPassword: newPasswordSchema });

/**
 * Changes the signed-in user's password and ends their other sessions (a thief holding one
 * of them is out). The session making the change stays signed in. Wrong current passwords
 * count towards the account's log-in throttle: a stolen access token is no guessing oracle.
 */
export async function changePassword(ctx: Ctx, raw: z.input<typeof changePasswordInput> & { keepSessionId?: string }): Promise<void> {
  const userId = requireUserId(ctx);
  const input = parseInput(changePasswordInput, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw unauthenticated('This account no longer exists');
  await assertLoginAllowed(ctx, user.email);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordLoginFailure(ctx, user.email);
    throw validationError('currentPassword: The current password is incorrect', [{ path: 'currentPassword', message: 'The current password is incorrect' }]);
  }
  if (input.currentPassword === input.newPassword) {
    throw validationError('newPassword: The new password must differ from the current one', [{ path: 'newPassword', message: 'The new password must differ from the current one' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ passwordHash, updatedAt: tx.clock.now() }).where(eq(users.id, userId));
    await revokeUserSessions(tx, userId, raw.keepSessionId);
    await recordAudit(tx, { action: 'auth.password_changed', targetType: 'user', targetId: userId });
  });
}
