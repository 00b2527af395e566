/** 1 credit = 1000 milli-credits, so that half-credit operations stay exact integers. */
export const MILLI_PER_CREDIT = 1000;

/** 'email_find' | 'email_verify' | 'enrich:<provider>' … */
export type CreditFeature = string;

/** Default cost per feature, in milli-credits. Workspaces may override them (credit_costs). */
export const DEFAULT_COSTS_MILLI: Record<string, number> = { email_find: 1000, email_verify: 500 };

/** What a ledger row is about: { type: 'job', id }, { type: 'job_item', id }, { type: 'provider_call', id }… */
export interface CreditReference {
  type: string;
  id: string;
}

export const LEDGER_KINDS = ['grant', 'reserve', 'charge', 'refund', 'release', 'reset', 'adjust'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface CreditBalance {
  balanceMilli: number;
  reservedMilli: number;
  availableMilli: number;
  monthlyAllowanceMilli: number;
  resetAt: Date | null;
  dailyCapMilli: number | null;
  lowBalanceThresholdMilli: number | null;
}

/** Milli-credits → credits as a decimal number (1500 → 1.5). */
export const milliToCredits = (milli: number) => milli / MILLI_PER_CREDIT;

/** Credits (up to 3 decimals) → milli-credits, exact (0.1 + 0.2 issues avoided by rounding). */
export const creditsToMilli = (credits: number) => Math.round(credits * MILLI_PER_CREDIT);
