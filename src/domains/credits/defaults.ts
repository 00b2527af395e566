/** A new account warns when its balance falls under this share of the allowance. */
export const DEFAULT_LOW_BALANCE_SHARE = 0.1;

/**
 * Settings of a new credit account: the allowance is the setting LEADFORGE_DEFAULT_MONTHLY_CREDITS
 * (Config.defaultMonthlyCreditsMilli, default 1000 credits, checked at start-up).
 */
export function newAccountDefaults(defaultMonthlyCreditsMilli: number) {
  return {
    monthlyAllowanceMilli: defaultMonthlyCreditsMilli,
    lowBalanceThresholdMilli: Math.round(defaultMonthlyCreditsMilli * DEFAULT_LOW_BALANCE_SHARE),
  };
}

/** The same instant one calendar month later (UTC); the 31st becomes the month's last day. */
export function addOneMonth(date: Date): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** The UTC day of an instant, as YYYY-MM-DD (daily caps and usage buckets). */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);
