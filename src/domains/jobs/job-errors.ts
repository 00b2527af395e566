import { isDomainError } from '../../core/errors.js';

/** Thrown by a kind: the whole chunk failed for a reason that may pass (network, 5xx, rate limit). */
export class TransientJobError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientJobError';
  }
}

/** Thrown by a kind: every item of the chunk failed for good (bad input, a refusal). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface FailureClass {
  transient: boolean;
  message: string;
  retryAfterMs?: number;
}

/**
 * What a failure thrown by `process` means. Unknown errors count as transient: a bug or an
 * outage then costs a few retries before the items fail with the reason, never a lost item.
 */
export function classifyFailure(e: unknown): FailureClass {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof PermanentJobError) return { transient: false, message };
  if (e instanceof TransientJobError) return { transient: true, message, retryAfterMs: e.retryAfterMs };
  if (isDomainError(e)) {
    const transient = ['RATE_LIMITED', 'UNAVAILABLE', 'PROVIDER_ERROR'].includes(e.code);
    return { transient, message, retryAfterMs: e.retryAfterS === undefined ? undefined : e.retryAfterS * 1000 };
  }
  return { transient: true, message };
}
