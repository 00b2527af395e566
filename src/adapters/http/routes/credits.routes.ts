import { z } from 'zod';
import {
  adjustCredits,
  creditsToMilli,
  getBalance,
  getCreditUsage,
  grantCredits,
  LEDGER_KINDS,
  listCreditCosts,
  listCreditTransactions,
  milliToCredits,
  setCreditCosts,
  updateCreditSettings,
  type CreditBalance,
  type CreditCost,
  type CreditTransaction,
} from '../../../domains/credits/index.js';
import type { App } from '../types.js';

// Amounts go out both as integer milli-credits (exact) and as credits (decimal, for people).
const credits = z
  .number()
  .finite()
  .refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, 'credits have at most 3 decimals')
  .refine((n) => Math.abs(n) <= 1e12, 'amount is too large')
  .transform(creditsToMilli);

const balanceView = z.object({
  balanceMilli: z.number().int(),
  reservedMilli: z.number().int(),
  availableMilli: z.number().int(),
  monthlyAllowanceMilli: z.number().int(),
  dailyCapMilli: z.number().int().nullable(),
  lowBalanceThresholdMilli: z.number().int().nullable(),
  balance: z.number(),
  reserved: z.number(),
  available: z.number(),
  monthlyAllowance: z.number(),
  dailyCap: z.number().nullable(),
  lowBalanceThreshold: z.number().nullable(),
  resetAt: z.date().nullable(),
});
const nullableCredits = (milli: number | null) => (milli === null ? null : milliToCredits(milli));
const toBalanceView = (b: CreditBalance): z.infer<typeof balanceView> => ({
  ...b,
  balance: milliToCredits(b.balanceMilli),
  reserved: milliToCredits(b.reservedMilli),
  available: milliToCredits(b.availableMilli),
  monthlyAllowance: milliToCredits(b.monthlyAllowanceMilli),
  dailyCap: nullableCredits(b.dailyCapMilli),
  lowBalanceThreshold: nullableCredits(b.lowBalanceThresholdMilli),
});

const transactionView = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  amountMilli: z.number().int(),
  amount: z.number(),
  feature: z.string().nullable(),
  reference: z.object({ type: z.string(), id: z.string() }).nullable(),
  reservationId: z.string().nullable(),
  reason: z.string().nullable(),
  actorType: z.string(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  balanceAfterMilli: z.number().int(),
  balanceAfter: z.number(),
  reservedAfterMilli: z.number().int(),
  createdAt: z.date(),
});
const toTransactionView = (t: CreditTransaction) => ({ ...t, amount: milliToCredits(t.amountMilli), balanceAfter: milliToCredits(t.balanceAfterMilli) });

const costView = z.object({
  feature: z.string(),
  costMilli: z.number().int(),
  cost: z.number(),
  defaultMilli: z.number().int().nullable(),
  source: z.enum(['default', 'workspace']),
});
const toCostsView = (items: CreditCost[]) => ({ items: items.map((c) => ({ ...c, cost: milliToCredits(c.costMilli) })) });

const usageView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.literal('day'),
  totalUsedMilli: z.number().int(),
  totalUsed: z.number(),
  features: z.array(
    z.object({
      feature: z.string(),
      usedMilli: z.number().int(),
      used: z.number(),
      chargedMilli: z.number().int(),
      refundedMilli: z.number().int(),
      charges: z.number().int(),
      refunds: z.number().int(),
    }),
  ),
  days: z.array(z.object({ date: z.string(), usedMilli: z.number().int(), used: z.number(), featuresMilli: z.record(z.string(), z.number().int()) })),
});

const movementBody = z.strictObject({ amount: credits, reason: z.string() });
const movementView = z.object({ ledgerId: z.string(), balance: balanceView });

/** Balance, usage, transactions, and the admin's grants, adjustments, settings and costs. */
export async function creditsRoutes(app: App) {
  app.get(
    '/credits',
    { config: { role: 'viewer' }, schema: { tags: ['credits'], summary: 'Balance, held credits, allowance, cap and threshold', response: { 200: balanceView } } },
    async (req) => toBalanceView(await getBalance(req.ctx)),
  );

  app.get(
    '/credits/usage',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['credits'],
        summary: 'Credits used (charges minus refunds) per feature and per UTC day',
        querystring: z.object({
          from: z.string().optional().describe('YYYY-MM-DD, inclusive; default 29 days before `to`'),
          to: z.string().optional().describe('YYYY-MM-DD, inclusive; default today (UTC)'),
          groupBy: z.literal('day').default('day'),
        }),
        response: { 200: usageView },
      },
    },
    async (req) => {
      const u = await getCreditUsage(req.ctx, { from: req.query.from, to: req.query.to });
      return {
        ...u,
        groupBy: 'day' as const,
        totalUsed: milliToCredits(u.totalUsedMilli),
        features: u.features.map((f) => ({ ...f, used: milliToCredits(f.usedMilli) })),
        days: u.days.map((d) => ({ ...d, used: milliToCredits(d.usedMilli) })),
      };
    },
  );

  app.get(
    '/credits/transactions',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['credits'],
        summary: 'The credit ledger, newest first, keyset-paginated',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          kind: z.enum(LEDGER_KINDS).optional(),
          feature: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(transactionView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const page = await listCreditTransactions(req.ctx, req.query);
      return { items: page.items.map(toTransactionView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/credits/grant',
    { config: { role: 'admin' }, schema: { tags: ['credits'], summary: 'Add credits (amount in credits, up to 3 decimals)', body: movementBody, response: { 201: movementView } } },
    async (req, reply) => {
      const r = await grantCredits(req.ctx, { amountMilli: req.body.amount, reason: req.body.reason });
      return reply.status(201).send({ ledgerId: r.ledgerId, balance: toBalanceView(r.balance) });
    },
  );

  app.post(
    '/credits/adjust',
    {
      config: { role: 'admin' },
      schema: { tags: ['credits'], summary: 'Correct the balance up or down (never below zero nor below held credits)', body: movementBody, response: { 201: movementView } },
    },
    async (req, reply) => {
      const r = await adjustCredits(req.ctx, { amountMilli: req.body.amount, reason: req.body.reason });
      return reply.status(201).send({ ledgerId: r.ledgerId, balance: toBalanceView(r.balance) });
    },
  );

  app.patch(
    '/credits/settings',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['credits'],
        summary: 'Monthly allowance, daily cap, low-balance threshold (credits; null turns cap/threshold off) and next reset',
        body: z.strictObject({
          monthlyAllowance: credits.optional(),
          dailyCap: credits.nullable().optional(),
          lowBalanceThreshold: credits.nullable().optional(),
          resetAt: z.iso.datetime({ offset: true }).nullable().optional(),
        }),
        response: { 200: balanceView },
      },
    },
    async (req) => {
      const b = req.body;
      const balance = await updateCreditSettings(req.ctx, {
        monthlyAllowanceMilli: b.monthlyAllowance,
        dailyCapMilli: b.dailyCap,
        lowBalanceThresholdMilli: b.lowBalanceThreshold,
        resetAt: b.resetAt === undefined || b.resetAt === null ? b.resetAt : new Date(b.resetAt),
      });
      return toBalanceView(balance);
    },
  );

  app.get(
    '/credits/costs',
    { config: { role: 'viewer' }, schema: { tags: ['credits'], summary: 'Cost per feature (defaults and workspace overrides)', response: { 200: z.object({ items: z.array(costView) }) } } },
    async (req) => toCostsView(await listCreditCosts(req.ctx)),
  );

  app.put(
    '/credits/costs',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['credits'],
        summary: 'Override costs: { costs: { feature: credits | null } } (null restores the default)',
        body: z.strictObject({ costs: z.record(z.string(), credits.nullable()) }),
        response: { 200: z.object({ items: z.array(costView) }) },
      },
    },
    async (req) => toCostsView(await setCreditCosts(req.ctx, { costs: req.body.costs })),
  );
}
