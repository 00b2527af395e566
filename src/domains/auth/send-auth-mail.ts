import type { Ctx } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import type { OutgoingMail } from '../../core/mailer.js';

/** Sends one of the account mails; a mail server that fails is a 503, not a crash. */
export async function sendAuthMail(ctx: Ctx, mail: OutgoingMail): Promise<void> {
  try {
    await ctx.services.mailer.send(mail);
  } catch (e) {
    ctx.log.error({ err: (e as Error).message, subject: mail.subject }, 'could not send account mail');
    throw new DomainError('UNAVAILABLE', 'The mail could not be sent; try again later', { retryAfterS: 60, cause: e });
  }
}
