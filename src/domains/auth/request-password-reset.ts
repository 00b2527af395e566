import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from './auth.tables.js';
import { passwordResetMail } from './auth-mails.js';
import { emailSchema } from './email.js';
import { countRecentEmailTokens, createEmailToken } from './email-tokens.js';

export const requestPasswordResetInput = z.object({ email: emailSchema });

/** At most this many reset mails per account and hour; more requests are quietly dropped. */
const MAX_RESET_MAILS_PER_HOUR = 5;

/**
 * Mails a one-time reset link when the account exists, and looks the same either way: the
 * caller always gets the same answer, and the mail is handed to the mailer without waiting
 * for the mail server, so neither the answer nor its timing says whether the email is known.
 */
export async function requestPasswordReset(ctx: Ctx, raw: z.input<typeof requestPasswordResetInput>): Promise<void> {
  const input = parseInput(requestPasswordResetInput, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  if (!user) return;
  if ((await countRecentEmailTokens(ctx, user.id, 'reset_password', 3_600_000)) >= MAX_RESET_MAILS_PER_HOUR) {
    ctx.log.warn({ userId: user.id }, 'password reset mail cap reached; request dropped');
    return;
  }
  const token = await createEmailToken(ctx, user.id, 'reset_password');
  await recordAudit(ctx, { action: 'auth.password_reset_requested', workspaceId: null, targetType: 'user', targetId: user.id });
  ctx.services.mailer.send(passwordResetMail(ctx.config, user.email, token)).catch((e: Error) => {
    ctx.log.error({ err: e.message, userId: user.id }, 'could not send password reset mail');
  });
}
