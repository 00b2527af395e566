import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { creditLedger } from './credits.tables.js';
import { utcDay } from './defaults.js';

const DAY_MS = 86_400_000;
export const MAX_USAGE_DAYS = 366;
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

const inputSchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional() });

export interface FeatureUsage {
  feature: string;
  /** Charges minus refunds. */
  usedMilli: number;
  chargedMilli: number;
  refundedMilli: number;
  charges: number;
  refunds: number;
}

export interface CreditUsage {
  from: string;
  to: string;
  totalUsedMilli: number;
  features: FeatureUsage[];
  /** Every day of the range (UTC), also the quiet ones, for charts. */
  days: Array<{ date: string; usedMilli: number; featuresMilli: Record<string, number> }>;
}

/** Credits used per feature and per UTC day between two dates (inclusive; default: last 30 days). */
export async function getCreditUsage(ctx: Ctx, input: z.input<typeof inputSchema> = {}): Promise<CreditUsage> {
  const workspaceId = requireWorkspaceId(ctx);
  const v = parseInput(inputSchema, input);
  const to = v.to ?? utcDay(ctx.clock.now());
  const from = v.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const dayCount = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (dayCount < 1) throw validationError('from must not be after to', { from, to });
  if (dayCount > MAX_USAGE_DAYS) throw validationError(`The range is at most ${MAX_USAGE_DAYS} days`, { from, to });

  const l = creditLedger;
  const rows = await queryRows<{ day: string; feature: string; charged: string; refunded: string; charges: string; refunds: string }>(
    ctx.db,
    sql`select to_char(${l.createdAt} at time zone 'UTC', 'YYYY-MM-DD') as day,
               coalesce(${l.feature}, '') as feature,
               coalesce(sum(-${l.amountMilli}) filter (where ${l.kind} = 'charge'), 0)::bigint as charged,
               coalesce(sum(${l.amountMilli}) filter (where ${l.kind} = 'refund'), 0)::bigint as refunded,
               count(*) filter (where ${l.kind} = 'charge') as charges,
               count(*) filter (where ${l.kind} = 'refund') as refunds
          from ${l}
         where ${l.workspaceId} = ${workspaceId} and ${l.kind} in ('charge', 'refund')
           and ${l.createdAt} >= ${start.toISOString()} and ${l.createdAt} < ${end.toISOString()}
         group by 1, 2`,
  );

  const days = Array.from({ length: dayCount }, (_, i) => ({
    date: utcDay(new Date(start.getTime() + i * DAY_MS)),
    usedMilli: 0,
    featuresMilli: {} as Record<string, number>,
  }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  const byFeature = new Map<string, FeatureUsage>();
  for (const r of rows) {
    const charged = Number(r.charged);
    const refunded = Number(r.refunded);
    const used = charged - refunded;
    const day = byDate.get(r.day)!;
    day.usedMilli += used;
    day.featuresMilli[r.feature] = (day.featuresMilli[r.feature] ?? 0) + used;
    const f = byFeature.get(r.feature) ?? { feature: r.feature, usedMilli: 0, chargedMilli: 0, refundedMilli: 0, charges: 0, refunds: 0 };
    f.usedMilli += used;
    f.chargedMilli += charged;
    f.refundedMilli += refunded;
    f.charges += Number(r.charges);
    f.refunds += Number(r.refunds);
    byFeature.set(r.feature, f);
  }
  const features = [...byFeature.values()].sort((a, b) => b.usedMilli - a.usedMilli || a.feature.localeCompare(b.feature));
  return { from, to, totalUsedMilli: features.reduce((s, f) => s + f.usedMilli, 0), features, days };
}
