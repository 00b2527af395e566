import { describe, expect, it } from 'vitest';
import { creditsToMilli, milliToCredits } from '../constants.js';
import { loadConfig } from '../../../core/config.js';
import { addOneMonth, newAccountDefaults, utcDay } from '../defaults.js';

describe('addOneMonth', () => {
  it.each([
    ['2026-01-15T10:00:00Z', '2026-02-15T10:00:00.000Z'],
    ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00.000Z'],
    ['2028-01-31T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['2026-03-31T23:59:59Z', '2026-04-30T23:59:59.000Z'],
    ['2026-12-31T12:00:00Z', '2027-01-31T12:00:00.000Z'],
    ['2026-12-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('%s → %s', (from, to) => {
    expect(addOneMonth(new Date(from)).toISOString()).toBe(to);
  });
});

describe('credit amounts', () => {
  it.each([
    [1, 1000],
    [0.5, 500],
    [0.001, 1],
    [0.1 + 0.2, 300],
    [-2.125, -2125],
    [1234567.891, 1234567891],
  ])('%s credits = %s milli', (credits, milli) => {
    expect(creditsToMilli(credits)).toBe(milli);
  });
  it('turns milli-credits back into credits', () => {
    expect(milliToCredits(1500)).toBe(1.5);
    expect(milliToCredits(1)).toBe(0.001);
  });
  it('buckets instants by UTC day', () => {
    expect(utcDay(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
    expect(utcDay(new Date('2026-03-02T00:00:00+02:00'))).toBe('2026-03-01');
  });
});

describe('new account defaults (LEADFORGE_DEFAULT_MONTHLY_CREDITS, read by loadConfig)', () => {
  const milliFrom = (raw?: string) => loadConfig({ LEADFORGE_DEFAULT_MONTHLY_CREDITS: raw }, { ensureSecret: false }).defaultMonthlyCreditsMilli;
  it('gives 1000 credits a month and warns under 10 % without a setting', () => {
    expect(newAccountDefaults(milliFrom(undefined))).toEqual({ monthlyAllowanceMilli: 1_000_000, lowBalanceThresholdMilli: 100_000 });
    expect(newAccountDefaults(milliFrom(''))).toEqual({ monthlyAllowanceMilli: 1_000_000, lowBalanceThresholdMilli: 100_000 });
  });
  it('reads LEADFORGE_DEFAULT_MONTHLY_CREDITS, decimals allowed', () => {
    expect(newAccountDefaults(milliFrom('250.5'))).toEqual({ monthlyAllowanceMilli: 250_500, lowBalanceThresholdMilli: 25_050 });
    expect(newAccountDefaults(milliFrom('0')).monthlyAllowanceMilli).toBe(0);
  });
  it.each(['-1', 'lots', 'Infinity', '1e13', ' '])('refuses to start, naming the setting, when it is "%s"', (raw) => {
    expect(() => milliFrom(raw)).toThrow(/LEADFORGE_DEFAULT_MONTHLY_CREDITS/);
  });
});
