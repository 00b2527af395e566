import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireUserId } from '../../core/context.js';
import { conflict, rateLimited, unauthenticated } from '../../core/errors.js';
import { users } from './auth.tables.js';
import { verifyEmailMail } from './auth-mails.js';
import { countRecentEmailTokens, createEmailToken } from './email-tokens.js';
import { sendAuthMail } from './send-auth-mail.js';
import type { UserRow } from './views.js';

/** At most this many verification mails per account and hour: nobody's inbox gets flooded. */
const MAX_VERIFY_MAILS_PER_HOUR = 5;

/** Mails the signed-in user a link that confirms their address. */
export async function requestEmailVerification(ctx: Ctx): Promise<void> {
  const userId = requireUserId(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw unauthenticated('This account no longer exists');
  if (user.emailVerifiedAt) throw conflict('Your email address is already verified');
  if ((await countRecentEmailTokens(ctx, user.id, 'verify_email', 3_600_000)) >= MAX_VERIFY_MAILS_PER_HOUR) {
    throw rateLimited('Too many verification mails requested; check your inbox or try again later', 3600);
  }
  await sendVerificationMail(ctx, user);
}

export async function sendVerificationMail(ctx: Ctx, user: UserRow): Promise<void> {
  const token = await createEmailToken(ctx, user.id, 'verify_email');
  await sendAuthMail(ctx, verifyEmailMail(ctx.config, user.email, user.name, token));
}
