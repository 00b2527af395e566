import { describe, expect, it } from 'vitest';
import { computeProgress, finalStatus } from '../progress.js';

const base = { total: 1000, processed: 0, succeeded: 0, failed: 0, skipped: 0, runBaseProcessed: 0 };
const start = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(start.getTime() + s * 1000);

describe('computeProgress', () => {
  it('has no rate or ETA before the job starts', () => {
    expect(computeProgress({ ...base, status: 'queued', runStartedAt: null, now: at(5) })).toMatchObject({ percent: 0, itemsPerSecond: null, etaSeconds: null });
  });

  it('computes the rate of the current run and the ETA', () => {
    const p = computeProgress({ ...base, processed: 250, succeeded: 250, status: 'running', runStartedAt: start, now: at(10) });
    expect(p).toMatchObject({ percent: 25, itemsPerSecond: 25, etaSeconds: 30 });
  });

  it('counts only what this run did after a resume', () => {
    const p = computeProgress({ ...base, processed: 600, runBaseProcessed: 500, status: 'running', runStartedAt: start, now: at(20) });
    expect(p).toMatchObject({ percent: 60, itemsPerSecond: 5, etaSeconds: 80 });
  });

  it('has no rate nor ETA while paused, ETA 0 when finished', () => {
    expect(computeProgress({ ...base, processed: 10, status: 'paused', runStartedAt: start, now: at(1) })).toMatchObject({ itemsPerSecond: null, etaSeconds: null });
    expect(computeProgress({ ...base, processed: 1000, status: 'completed', runStartedAt: start, now: at(100) })).toMatchObject({ percent: 100, etaSeconds: 0 });
    expect(computeProgress({ ...base, total: 0, status: 'completed', runStartedAt: null, now: at(0) })).toMatchObject({ percent: 100 });
  });

  it('rounds the percentage down so that 100% means done', () => {
    expect(computeProgress({ ...base, processed: 999, status: 'running', runStartedAt: start, now: at(1) }).percent).toBe(99.9);
  });
});

describe('finalStatus', () => {
  it.each([
    [{ processed: 10, succeeded: 10, failed: 0, skipped: 0 }, 'completed'],
    [{ processed: 10, succeeded: 0, failed: 0, skipped: 10 }, 'completed'],
    [{ processed: 10, succeeded: 9, failed: 1, skipped: 0 }, 'partial'],
    [{ processed: 10, succeeded: 0, failed: 9, skipped: 1 }, 'partial'],
    [{ processed: 10, succeeded: 0, failed: 10, skipped: 0 }, 'failed'],
  ] as const)('%o → %s', (counts, expected) => {
    expect(finalStatus(counts)).toBe(expected);
  });
});
