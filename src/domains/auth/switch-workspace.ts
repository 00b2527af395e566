import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireUserId } from '../../core/context.js';
import { forbidden, unauthenticated } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { refreshTokens, users } from './auth.tables.js';
import { signAccessToken } from './tokens.js';
import { findMembership } from './user-workspaces.js';
import { toUserView, type SessionView } from './views.js';

export const switchWorkspaceInput = z.object({ workspaceId: z.uuid({ error: 'workspaceId must be a workspace id' }) });

/**
 * Moves the current session to another workspace the user belongs to: a new access token,
 * the session's refresh token now refreshes into that workspace, and the choice is
 * remembered for the next log-in. The refresh token itself does not change.
 */
export async function switchWorkspace(ctx: Ctx, raw: z.input<typeof switchWorkspaceInput> & { sessionId: string }): Promise<SessionView> {
  const userId = requireUserId(ctx);
  const input = parseInput(switchWorkspaceInput, raw);
  const workspace = await findMembership(ctx, userId, input.workspaceId);
  if (!workspace) throw forbidden('You are not a member of this workspace');
  const user = await withTransaction(ctx, async (tx) => {
    const [u] = await tx.db.update(users).set({ lastWorkspaceId: workspace.id }).where(eq(users.id, userId)).returning();
    if (!u) throw unauthenticated('This account no longer exists');
    await tx.db
      .update(refreshTokens)
      .set({ workspaceId: workspace.id })
      .where(and(eq(refreshTokens.familyId, raw.sessionId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    const wsCtx: Ctx = { ...tx, actor: { ...tx.actor, role: workspace.role }, workspaceId: workspace.id };
    await recordAudit(wsCtx, { action: 'auth.workspace_switched', targetType: 'workspace', targetId: workspace.id, metadata: { from: ctx.workspaceId ?? null } });
    return u;
  });
  const access = await signAccessToken(ctx.config, { userId, workspaceId: workspace.id, sessionId: raw.sessionId }, ctx.clock.now());
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), user: toUserView(user), workspace };
}
