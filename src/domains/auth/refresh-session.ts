import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { unauthenticated } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { refreshTokens, users } from './auth.tables.js';
import { issueSession, pruneExpiredSessions, revokeFamily } from './sessions.js';
import { hashToken } from './tokens.js';
import { pickSessionWorkspace } from './user-workspaces.js';
import type { SessionView } from './views.js';

export const refreshInput = z.object({ refreshToken: z.string().min(1, 'Refresh token is required').max(200, 'Invalid refresh token') });

/**
 * Rotates a refresh token: the presented one is marked replaced and a new one of the same
 * family is issued. A token that was already replaced means two parties hold it (a stolen
 * copy, or a replay): the whole family is revoked and both must sign in again.
 */
export async function refreshSession(ctx: Ctx, raw: z.input<typeof refreshInput>): Promise<SessionView> {
  const input = parseInput(refreshInput, raw);
  const now = ctx.clock.now();
  const [row] = await ctx.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(input.refreshToken))).limit(1);
  if (!row) throw unauthenticated('Invalid refresh token; sign in again');
  if (row.revokedAt) throw unauthenticated('This session has ended; sign in again');
  if (row.replacedAt) return reuseDetected(ctx, row);
  if (row.expiresAt.getTime() <= now.getTime()) throw unauthenticated('Session expired; sign in again');

  const rotated = await withTransaction(ctx, async (tx) => {
    // Conditional: of two concurrent refreshes with one token, only one gets a row back.
    const won = await tx.db
      .update(refreshTokens)
      .set({ replacedAt: now })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.replacedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    if (won.length === 0) return null;
    const [user] = await tx.db.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (!user) throw unauthenticated('This account no longer exists');
    const workspace = await pickSessionWorkspace(tx, user, row.workspaceId);
    const userCtx: Ctx = { ...tx, actor: { ...tx.actor, type: 'user', userId: user.id } };
    await pruneExpiredSessions(tx, user.id);
    return issueSession(userCtx, { user, workspace, familyId: row.familyId });
  });
  return rotated ?? reuseDetected(ctx, row);
}

async function reuseDetected(ctx: Ctx, row: typeof refreshTokens.$inferSelect): Promise<never> {
  const revoked = await revokeFamily(ctx, row.familyId);
  const userCtx: Ctx = { ...ctx, actor: { ...ctx.actor, type: 'user', userId: row.userId } };
  if (revoked > 0) {
    ctx.log.warn({ userId: row.userId, sessionId: row.familyId }, 'refresh token reuse detected; session revoked');
    await recordAudit(userCtx, {
      action: 'auth.refresh_reuse_detected',
      workspaceId: row.workspaceId ?? null,
      targetType: 'session',
      targetId: row.familyId,
    });
  }
  throw unauthenticated('This refresh token was already used; the session was ended for safety. Sign in again');
}
