import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { OutgoingMail } from '../../core/mailer.js';
import { users } from '../auth/index.js';
import { createNotification } from '../notifications/index.js';
import { memberships, workspaces } from '../workspaces/index.js';
import type { CreditAccount } from './account.js';
import { milliToCredits } from './constants.js';

export const LOW_BALANCE_KIND = 'credits.low_balance';

/**
 * Records the low-balance notice (in the caller's transaction) and returns the mails to send
 * to the workspace's owners and admins once the transaction is over.
 */
export async function noticeLowBalance(tx: Ctx, account: CreditAccount): Promise<OutgoingMail[]> {
  const balance = milliToCredits(account.balanceMilli);
  const threshold = milliToCredits(account.lowBalanceThresholdMilli ?? 0);
  const title = `Low credit balance: ${balance} credits left`;
  const body = `The credit balance fell below ${threshold} credits. Jobs stop when it runs out; an admin can grant credits or raise the monthly allowance.`;
  const ctx = { ...tx, workspaceId: account.workspaceId };
  await createNotification(ctx, {
    kind: LOW_BALANCE_KIND,
    title,
    body,
    data: { balanceMilli: account.balanceMilli, thresholdMilli: account.lowBalanceThresholdMilli },
  });
  const [ws] = await tx.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, account.workspaceId)).limit(1);
  const admins = await tx.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, account.workspaceId), inArray(memberships.role, ['owner', 'admin'])));
  const link = `${tx.config.publicUrl}/app/credits`;
  return admins.map((a) => ({
    to: a.email,
    subject: `Leadforge: low credit balance in ${ws?.name ?? 'your workspace'}`,
    text: `${title}.\n\n${body}\n\nCredits: ${link}\n`,
  }));
}

/**
 * Sends mails after the work they announce is committed. When the caller owns the
 * transaction we only know it committed later, so the mails go out in the background and
 * never hold the account's row lock.
 */
export async function sendAfter(ctx: Ctx, mails: OutgoingMail[]): Promise<void> {
  if (mails.length === 0) return;
  const sendAll = async () => {
    for (const mail of mails) {
      try {
        await ctx.services.mailer.send(mail);
      } catch (err) {
        ctx.log.warn({ err, subject: mail.subject }, 'could not send a credits mail');
      }
    }
  };
  if (ctx.inTransaction) void sendAll();
  else await sendAll();
}
