import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { createUser, type CreateUserInput } from './create-user.js';
import { sendVerificationMail } from './request-email-verification.js';
import { issueSession } from './sessions.js';
import type { SessionView } from './views.js';

/**
 * Sign-up: account + first workspace (owner) + a session, in one transaction; then the
 * verification mail. A mail that fails does not undo the account: the user can ask again.
 */
export async function registerUser(ctx: Ctx, input: CreateUserInput): Promise<SessionView> {
  const { session, user } = await withTransaction(ctx, async (tx) => {
    const created = await createUser(tx, input, 'signup');
    const userCtx: Ctx = { ...tx, actor: { ...tx.actor, type: 'user', userId: created.user.id, role: 'owner' }, workspaceId: created.workspace.id };
    return { user: created.user, session: await issueSession(userCtx, created) };
  });
  try {
    await sendVerificationMail(ctx, user);
  } catch (e) {
    ctx.log.warn({ err: (e as Error).message, userId: user.id }, 'verification mail not sent at sign-up');
  }
  return session;
}
