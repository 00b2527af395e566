import { DomainError } from '../../core/errors.js';
import { MILLI_PER_CREDIT } from './constants.js';

/** Monthly allowance of a new workspace when LEADFORGE_DEFAULT_MONTHLY_CREDITS is not set. */
export const FALLBACK_MONTHLY_CREDITS = 1000;
/** A new account warns when its balance falls under this share of the allowance. */
export const DEFAULT_LOW_BALANCE_SHARE = 0.1;

/**
 * Settings of a new credit account. LEADFORGE_DEFAULT_MONTHLY_CREDITS is a whole or decimal
 * number of credits (self-hosted default 1000); a bad value fails with an error naming it.
 */
export function newAccountDefaults(env: NodeJS.ProcessEnv = process.env) {
  const raw = env.LEADFORGE_DEFAULT_MONTHLY_CREDITS;
  let credits = FALLBACK_MONTHLY_CREDITS;
  if (raw !== undefined && raw !== '') {
    credits = Number(raw);
    if (!Number.isFinite(credits) || credits < 0 || credits > 1e12) {
      throw new DomainError('UNAVAILABLE', `LEADFORGE_DEFAULT_MONTHLY_CREDITS must be a number of credits ≥ 0, got "${raw}"`);
    }
  }
  const monthlyAllowanceMilli = Math.round(credits * MILLI_PER_CREDIT);
  return {
    monthlyAllowanceMilli,
    lowBalanceThresholdMilli: Math.round(monthlyAllowanceMilli * DEFAULT_LOW_BALANCE_SHARE),
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
