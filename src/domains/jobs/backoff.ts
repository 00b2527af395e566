/** How transient failures are retried: exponential backoff with jitter, then give up. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/**
 * Delay before attempt `failedAttempts + 1`: base × 2^(failedAttempts − 1), capped, with "equal
 * jitter" (between half and all of it) so that items failing together do not retry together.
 * A server's Retry-After, when given, is a floor.
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempts: number, random: () => number = Math.random, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs)));
}

export const retryPolicyOf = (overrides: Partial<RetryPolicy> | undefined): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...overrides });
