import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryPolicyOf } from '../backoff.js';
import { classifyFailure, PermanentJobError, TransientJobError } from '../job-errors.js';
import { DomainError } from '../../../core/errors.js';

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 };

describe('backoffDelayMs', () => {
  it.each([
    // failed attempts, random, expected: base × 2^(n−1), between half and all of it
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [2, 1, 2000],
    [3, 0.5, 3000],
    [4, 1, 8000],
    [5, 1, 10_000],
    [9, 0, 5000],
  ])('after %i failures with random %d waits %i ms', (n, r, expected) => {
    expect(backoffDelayMs(policy, n, () => r)).toBe(expected);
  });

  it('honours a Retry-After as a floor, capped by the policy', () => {
    expect(backoffDelayMs(policy, 1, () => 0, 7000)).toBe(7000);
    expect(backoffDelayMs(policy, 1, () => 0, 60_000)).toBe(10_000);
    expect(backoffDelayMs(policy, 4, () => 1, 100)).toBe(8000);
  });

  it('spreads retries that happen together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(policy, 3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it('merges a kind policy over the defaults', () => {
    expect(retryPolicyOf({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });
});

describe('classifyFailure', () => {
  it.each([
    [new TransientJobError('timeout', 3000), { transient: true, message: 'timeout', retryAfterMs: 3000 }],
    [new PermanentJobError('bad input'), { transient: false, message: 'bad input' }],
    [new DomainError('RATE_LIMITED', 'slow down', { retryAfterS: 2 }), { transient: true, message: 'slow down', retryAfterMs: 2000 }],
    [new DomainError('PROVIDER_ERROR', 'provider 503'), { transient: true, message: 'provider 503', retryAfterMs: undefined }],
    [new DomainError('VALIDATION', 'no such list'), { transient: false, message: 'no such list', retryAfterMs: undefined }],
    [new TypeError('x is undefined'), { transient: true, message: 'x is undefined' }],
  ])('%s', (err, expected) => {
    expect(classifyFailure(err)).toEqual(expected);
  });
});
