import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { unauthenticated } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from './auth.tables.js';
import { emailSchema } from './email.js';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { burnPasswordCheck, presentedPasswordSchema, verifyPassword } from './password.js';
import { issueSession, pruneExpiredSessions } from './sessions.js';
import { pickSessionWorkspace } from './user-workspaces.js';
import type { SessionView } from './views.js';

export const loginInput = z.object({ email: emailSchema, password: presentedPasswordSchema });

/**
 * Email + password → a session in the user's last workspace (or their first). The account
 * throttle is checked before the password so that a locked account gives no oracle; an
 * unknown email and a wrong password answer alike, in about the same time.
 */
export async function loginUser(ctx: Ctx, raw: z.input<typeof loginInput>): Promise<SessionView> {
  const input = parseInput(loginInput, raw);
  await assertLoginAllowed(ctx, input.email);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  let ok = false;
  if (user) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  if (!user || !ok) {
    await recordLoginFailure(ctx, input.email);
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      workspaceId: null,
      targetType: user ? 'user' : undefined,
      targetId: user?.id,
      metadata: { reason: user ? 'wrong_password' : 'unknown_email' },
    });
    throw unauthenticated('Email or password is incorrect');
  }

  await clearLoginFailures(ctx, input.email);
  const workspace = await pickSessionWorkspace(ctx, user);
  const userCtx: Ctx = { ...ctx, actor: { ...ctx.actor, type: 'user', userId: user.id, role: workspace?.role }, workspaceId: workspace?.id };
  return withTransaction(userCtx, async (tx) => {
    await pruneExpiredSessions(tx, user.id);
    const session = await issueSession(tx, { user, workspace });
    await recordAudit(tx, { action: 'auth.login', workspaceId: workspace?.id ?? null, targetType: 'user', targetId: user.id });
    return session;
  });
}
