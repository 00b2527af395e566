/**
 * Typed errors of the application core. Domains throw these; the HTTP and CLI adapters map
 * the code to a status / exit code. Anything that is not a DomainError is a bug (500).
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'INSUFFICIENT_CREDITS'
  | 'RATE_LIMITED'
  | 'PROVIDER_ERROR'
  | 'UNAVAILABLE';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Seconds after which a retry may succeed (RATE_LIMITED, UNAVAILABLE). */
  readonly retryAfterS?: number;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; retryAfterS?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
    this.retryAfterS = options.retryAfterS;
  }
}

export const validationError = (message: string, details?: unknown) => new DomainError('VALIDATION', message, { details });
export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do this') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new DomainError('CONFLICT', message, { details });
export const rateLimited = (message: string, retryAfterS: number) =>
  new DomainError('RATE_LIMITED', message, { retryAfterS });

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Postgres unique_violation, whichever driver raised it. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = findPgError(e);
  if (!err || err.code !== '23505') return false;
  return constraint === undefined || err.constraint === constraint || String(err.message ?? '').includes(constraint);
}

function findPgError(e: unknown): { code?: string; constraint?: string; message?: string } | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const obj = cur as { code?: unknown; cause?: unknown };
    if (typeof obj.code === 'string' && /^[0-9A-Z]{5}$/.test(obj.code)) return obj as { code: string };
    cur = obj.cause;
  }
  return undefined;
}
