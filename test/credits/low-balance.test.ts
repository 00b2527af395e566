import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/core/transaction.js';
import {
  adjustCredits,
  chargeCredits,
  grantCredits,
  LOW_BALANCE_KIND,
  refundCredits,
  reserveCredits,
  resetMonthlyCredits,
  updateCreditSettings,
} from '../../src/domains/credits/index.js';
import { listNotifications } from '../../src/domains/notifications/index.js';
import type { TestApp } from '../helpers/app.js';
import { addMember } from '../helpers/auth.js';
import { creditsTestApp, fundedWorkspace, item, job } from './helpers.js';

describe('low-balance notification', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await creditsTestApp());
  });
  afterAll(async () => t.close());

  const charge = (ctx: Parameters<typeof chargeCredits>[0], key: string, amountMilli = 1_000) =>
    chargeCredits(ctx, { amountMilli, feature: 'email_find', idempotencyKey: key, reference: item(key) });
  const lowNotices = async (ctx: Parameters<typeof listNotifications>[0]) =>
    (await listNotifications(ctx)).items.filter((n) => n.kind === LOW_BALANCE_KIND);

  it('fires once when a charge takes the balance under the threshold, and mails owners and admins', async () => {
    const { owner, ctx } = await fundedWorkspace(t, 5_000, { thresholdMilli: 2_000 });
    const admin = await addMember(t, owner.workspaceId, 'admin');
    const member = await addMember(t, owner.workspaceId, 'member');
    const sentBefore = t.mailer.sent.length;
    await charge(ctx, 'a');
    await charge(ctx, 'b');
    await charge(ctx, 'c'); // 2 000 left: not under the threshold yet
    expect(await lowNotices(ctx)).toHaveLength(0);
    await charge(ctx, 'd'); // 1 000: crossed
    await charge(ctx, 'e'); // 0: still under, no second notice
    const notices = await lowNotices(ctx);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: 'Low credit balance: 1 credits left', readAt: null, data: { balanceMilli: 1_000, thresholdMilli: 2_000 } });
    const mails = t.mailer.sent.slice(sentBefore);
    expect(mails.map((m) => m.to).sort()).toEqual([owner.email, admin.email].sort());
    expect(mails.map((m) => m.to)).not.toContain(member.email);
    expect(mails[0]!.subject).toContain(owner.workspaceName);
    expect(mails[0]!.text).toContain(`${t.config.publicUrl}/app/credits`);
  });

  it('fires again only after a top-up above the threshold, not after a refund', async () => {
    const { ctx } = await fundedWorkspace(t, 3_000, { thresholdMilli: 2_000 });
    await charge(ctx, 'a', 1_500);
    await refundCredits(ctx, { idempotencyKey: 'a', reason: 'no data found' });
    await charge(ctx, 'b', 1_500);
    expect(await lowNotices(ctx)).toHaveLength(1);
    await grantCredits(ctx, { amountMilli: 5_000, reason: 'top-up' });
    await charge(ctx, 'c', 4_000); // 2 500 left
    expect(await lowNotices(ctx)).toHaveLength(1);
    await charge(ctx, 'd', 1_000);
    expect(await lowNotices(ctx)).toHaveLength(2);
  });

  it('counts charges paid by a reservation, since they lower the balance', async () => {
    const { ctx } = await fundedWorkspace(t, 4_000, { thresholdMilli: 1_000 });
    const { reservationId } = await reserveCredits(ctx, { amountMilli: 4_000, feature: 'email_find', reference: job() });
    expect(await lowNotices(ctx)).toHaveLength(0);
    for (const k of ['1', '2', '3', '4']) {
      await chargeCredits(ctx, { amountMilli: 1_000, feature: 'email_find', idempotencyKey: k, reference: item(k), reservationId });
    }
    expect(await lowNotices(ctx)).toHaveLength(1);
  });

  it('also fires on a downward adjustment and a reset under the threshold; no threshold, no notice', async () => {
    const { ctx } = await fundedWorkspace(t, 10_000, { thresholdMilli: 5_000 });
    await adjustCredits(ctx, { amountMilli: -6_000, reason: 'correction' });
    expect(await lowNotices(ctx)).toHaveLength(1);
    const { ctx: quiet } = await fundedWorkspace(t, 10_000);
    await charge(quiet, 'all', 10_000);
    expect(await lowNotices(quiet)).toHaveLength(0);
    const { ctx: shrinking } = await fundedWorkspace(t, 10_000, { thresholdMilli: 5_000 });
    await updateCreditSettings(shrinking, { monthlyAllowanceMilli: 1_000, resetAt: new Date('2026-01-01T00:00:00Z') });
    await resetMonthlyCredits(t.ctx(), { now: new Date('2026-03-01T00:00:00Z') });
    expect(await lowNotices(shrinking)).toHaveLength(1);
  });

  it('inside a rolled-back transaction leaves no notice and can fire on the retry', async () => {
    const { ctx } = await fundedWorkspace(t, 2_000, { thresholdMilli: 1_500 });
    await expect(
      withTransaction(ctx, async (tx) => {
        await charge(tx, 'x');
        throw new Error('chunk failed');
      }),
    ).rejects.toThrow('chunk failed');
    expect(await lowNotices(ctx)).toHaveLength(0);
    await withTransaction(ctx, (tx) => charge(tx, 'x'));
    expect(await lowNotices(ctx)).toHaveLength(1);
  });
});
