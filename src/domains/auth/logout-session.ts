import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { recordAudit } from '../audit/index.js';
import { refreshTokens } from './auth.tables.js';
import { revokeFamily } from './sessions.js';
import { hashToken } from './tokens.js';

/**
 * Ends a session, found by its refresh token or by the access token's session id. Idempotent:
 * an unknown or already-ended session is not an error, the client is signed out either way.
 */
export async function logoutSession(ctx: Ctx, input: { refreshToken?: string; sessionId?: string }): Promise<void> {
  const session = await findSession(ctx, input);
  if (!session) return;
  const revoked = await revokeFamily(ctx, session.familyId);
  if (revoked === 0) return;
  const userCtx: Ctx = { ...ctx, actor: { ...ctx.actor, type: 'user', userId: session.userId } };
  await recordAudit(userCtx, { action: 'auth.logout', workspaceId: session.workspaceId, targetType: 'session', targetId: session.familyId });
}

async function findSession(ctx: Ctx, input: { refreshToken?: string; sessionId?: string }) {
  const columns = { familyId: refreshTokens.familyId, userId: refreshTokens.userId, workspaceId: refreshTokens.workspaceId };
  if (input.refreshToken && input.refreshToken.length <= 200) {
    const [row] = await ctx.db.select(columns).from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(input.refreshToken))).limit(1);
    if (row) return row;
  }
  // The access token's session, only when it belongs to the signed-in user.
  if (input.sessionId && ctx.actor.userId) {
    const [row] = await ctx.db
      .select(columns)
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, input.sessionId), eq(refreshTokens.userId, ctx.actor.userId)))
      .limit(1);
    if (row) return row;
  }
  return null;
}
