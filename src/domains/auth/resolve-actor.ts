import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../core/context.js';
import { unauthenticated } from '../../core/errors.js';
import type { Role } from '../../core/roles.js';
import { memberships } from '../workspaces/workspaces.tables.js';
import { apiKeys, users } from './auth.tables.js';
import { hashToken, parseApiKey, safeEqualHex, verifyAccessToken } from './tokens.js';

export interface ResolvedActor {
  actor: Actor;
  workspaceId?: string;
  sessionId?: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Don't write last_used_at on every request: once a minute is precise enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns a bearer credential (access JWT or API key) into an actor with its current role.
 * The role is read from the database on every request so that a role change or a removal
 * takes effect at once, not when the token expires.
 */
export async function resolveBearer(ctx: Ctx, token: string, from: { ip?: string; userAgent?: string } = {}): Promise<ResolvedActor> {
  if (token.startsWith('lf_')) return resolveApiKey(ctx, token, from);
  const claims = await verifyAccessToken(ctx.config, token, ctx.clock.now());
  if (!UUID_RE.test(claims.userId) || !UUID_RE.test(claims.sessionId) || (claims.workspaceId !== null && !UUID_RE.test(claims.workspaceId))) throw unauthenticated('Invalid access token');
  // One round trip: the user exists and the session (refresh-token family) was not ended by a
  // log-out, a password change or a detected token reuse; those end its access tokens at once.
  const [user] = await ctx.db
    .select({
      id: users.id,
      // Raw names: in a one-table select drizzle leaves columns unqualified, which would bind to the outer table.
      sessionLive: sql<boolean>`exists (select 1 from refresh_tokens rt where rt.family_id = ${claims.sessionId}::uuid and rt.user_id = ${claims.userId}::uuid and rt.revoked_at is null)`,
    })
    .from(users)
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!user) throw unauthenticated('This account no longer exists');
  if (!user.sessionLive) throw unauthenticated('This session has ended; sign in again');
  let role: Role | undefined;
  if (claims.workspaceId) {
    const [m] = await ctx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, claims.workspaceId), eq(memberships.userId, claims.userId)))
      .limit(1);
    role = m?.role;
  }
  return {
    actor: { type: 'user', userId: claims.userId, role, ...from },
    // A user removed from the workspace keeps a valid token but no access to it.
    workspaceId: role ? (claims.workspaceId ?? undefined) : undefined,
    sessionId: claims.sessionId,
  };
}

async function resolveApiKey(ctx: Ctx, key: string, from: { ip?: string; userAgent?: string }): Promise<ResolvedActor> {
  const parsed = parseApiKey(key);
  if (!parsed) throw unauthenticated('Malformed API key');
  const [row] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, parsed.prefix), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || !safeEqualHex(row.keyHash, hashToken(key))) throw unauthenticated('Invalid or revoked API key');
  const now = ctx.clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await ctx.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return {
    actor: { type: 'api_key', apiKeyId: row.id, role: row.role, ...from },
    workspaceId: row.workspaceId,
  };
}
