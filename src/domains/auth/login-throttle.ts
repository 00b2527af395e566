import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { rateLimited } from '../../core/errors.js';
import { loginFailures } from './auth.tables.js';

/**
 * Per-account throttle: after MAX_FAILURES failed log-ins for one email within WINDOW_MS,
 * further attempts are refused (before the password is even checked) until the oldest
 * failure leaves the window. It counts in the database so that every process shares it and
 * an attacker spreading guesses over many IPs is still stopped.
 */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOGIN_FAILURES = 10;

export async function assertLoginAllowed(ctx: Ctx, email: string): Promise<void> {
  const since = new Date(ctx.clock.now().getTime() - LOGIN_FAILURE_WINDOW_MS);
  const recent = await ctx.db
    .select({ createdAt: loginFailures.createdAt })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.createdAt, since)))
    .orderBy(asc(loginFailures.createdAt))
    .limit(MAX_LOGIN_FAILURES);
  if (recent.length < MAX_LOGIN_FAILURES) return;
  // Allowed again when enough of the oldest failures have aged out of the window.
  const reopensAt = recent[0]!.createdAt.getTime() + LOGIN_FAILURE_WINDOW_MS;
  const retryAfterS = Math.max(1, Math.ceil((reopensAt - ctx.clock.now().getTime()) / 1000));
  throw rateLimited(`Too many failed log-ins for this account; try again in ${Math.ceil(retryAfterS / 60)} min or reset the password`, retryAfterS);
}

export async function recordLoginFailure(ctx: Ctx, email: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.insert(loginFailures).values({ email, ip: ctx.actor.ip ?? null, createdAt: now });
  // Rows older than the window count for nothing; the table stays small.
  await ctx.db.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS)));
}

/** A successful log-in or a password reset starts the count again. */
export async function clearLoginFailures(ctx: Ctx, email: string): Promise<void> {
  await ctx.db.delete(loginFailures).where(eq(loginFailures.email, email));
}
