import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { refreshTokens } from './auth.tables.js';
import { hashToken, newOpaqueToken, signAccessToken } from './tokens.js';
import { toUserView, type SessionView, type UserRow, type WorkspaceView } from './views.js';

/**
 * A session is a family of refresh tokens: log-in starts one, every refresh replaces its
 * current token with a new one, and log-out or a detected reuse revokes the whole family.
 * Access tokens carry the family id (`sid`) so that revoking it also ends them at once.
 */
export async function issueSession(
  ctx: Ctx,
  input: { user: UserRow; workspace: WorkspaceView | null; familyId?: string },
): Promise<SessionView> {
  const now = ctx.clock.now();
  const familyId = input.familyId ?? randomUUID();
  const refreshToken = newOpaqueToken(32);
  const refreshExpiresAt = new Date(now.getTime() + ctx.config.refreshTokenTtlS * 1000);
  await ctx.db.insert(refreshTokens).values({
    userId: input.user.id,
    familyId,
    workspaceId: input.workspace?.id ?? null,
    tokenHash: hashToken(refreshToken),
    expiresAt: refreshExpiresAt,
    ip: ctx.actor.ip ?? null,
    userAgent: ctx.actor.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
  });
  const access = await signAccessToken(ctx.config, { userId: input.user.id, workspaceId: input.workspace?.id ?? null, sessionId: familyId }, now);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    user: toUserView(input.user),
    workspace: input.workspace,
  };
}

/** Ends one session (all tokens of the family). Returns how many tokens were still live. */
export async function revokeFamily(ctx: Ctx, familyId: string): Promise<number> {
  const rows = await ctx.db
    .update(refreshTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

/** Ends every session of a user, except `keepFamilyId` (the one making the request). */
export async function revokeUserSessions(ctx: Ctx, userId: string, keepFamilyId?: string): Promise<void> {
  await ctx.db
    .update(refreshTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined,
      ),
    );
}

/** How long expired refresh tokens are kept (a late replay still gets "expired", not "invalid"). */
const EXPIRED_TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Every refresh adds a row; rows long past their expiry are useless, even for reuse detection.
 * Called at log-in and refresh for that user, so the table stays bounded without a cron job.
 */
export async function pruneExpiredSessions(ctx: Ctx, userId: string): Promise<void> {
  const before = new Date(ctx.clock.now().getTime() - EXPIRED_TOKEN_RETENTION_MS);
  await ctx.db.delete(refreshTokens).where(and(eq(refreshTokens.userId, userId), lt(refreshTokens.expiresAt, before)));
}
