import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { DomainError, validationError } from '../../core/errors.js';
import { emailTokens } from './auth.tables.js';
import { hashToken, newOpaqueToken } from './tokens.js';

export type EmailTokenPurpose = 'reset_password' | 'verify_email';

/** How long a link in a mail works. A reset link is short-lived; a verification link can wait a while. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  reset_password: 60 * 60 * 1000,
  verify_email: 48 * 60 * 60 * 1000,
};

/** Issues a one-time token for a mail link; only its hash is stored. */
export async function createEmailToken(ctx: Ctx, userId: string, purpose: EmailTokenPurpose): Promise<string> {
  const token = newOpaqueToken(32);
  const now = ctx.clock.now();
  // Links a day past their expiry serve nothing (not even a "this link expired" message).
  await ctx.db.delete(emailTokens).where(and(eq(emailTokens.userId, userId), lt(emailTokens.expiresAt, new Date(now.getTime() - 86_400_000))));
  await ctx.db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]),
    createdAt: now,
  });
  return token;
}

/** Tokens of one purpose issued to a user in the last `windowMs`: caps how many mails one address gets. */
export async function countRecentEmailTokens(ctx: Ctx, userId: string, purpose: EmailTokenPurpose, windowMs: number): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - windowMs);
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), gt(emailTokens.createdAt, since)));
  return Number(row?.n ?? 0);
}

/**
 * Uses a token up: unknown → 400, expired or already used → 410. Marking it used is a
 * conditional update, so two concurrent uses of one token cannot both succeed.
 * Returns the user the token was issued to.
 */
export async function consumeEmailToken(ctx: Ctx, token: string, purpose: EmailTokenPurpose): Promise<{ userId: string }> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)))
    .limit(1);
  if (!row) throw validationError('This link is not valid; request a new one');
  if (row.usedAt) throw new DomainError('GONE', 'This link was already used; request a new one');
  if (row.expiresAt.getTime() <= now.getTime()) throw new DomainError('GONE', 'This link has expired; request a new one');
  const used = await ctx.db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
    .returning({ id: emailTokens.id });
  if (used.length === 0) throw new DomainError('GONE', 'This link was already used; request a new one');
  return { userId: row.userId };
}

/** After a reset, older reset links of the same user stop working too. */
export async function expireEmailTokens(ctx: Ctx, userId: string, purpose: EmailTokenPurpose): Promise<void> {
  await ctx.db
    .update(emailTokens)
    .set({ usedAt: ctx.clock.now() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}
