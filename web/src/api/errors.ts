import { isApiError } from './client';

/** A server or network error in words a user can act on. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error && error.message ? error.message : 'Something went wrong. Please try again.';
  switch (error.status) {
    case 0:
      return error.message;
    case 429: {
      const wait = error.retryAfterS ?? retryFromMessage(error.message);
      return wait !== undefined ? `Too many attempts, try again in ${wait} s.` : 'Too many attempts, try again in a moment.';
    }
    case 403:
      return error.message || 'You do not have permission to do this.';
    case 404:
      return error.message || 'Not found.';
    case 410:
      return error.message || 'This link has expired or was already used.';
    default:
      if (error.status >= 500) {
        return `Something went wrong on the server.${error.requestId ? ` (request ${error.requestId})` : ''} Please try again.`;
      }
      return error.message || `Request failed (${error.status}).`;
  }
}

function retryFromMessage(message: string): number | undefined {
  const m = /(\d+)\s*s\b/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Validation errors from the server name a path such as `body.email`; map the ones that match a
 * form field onto that field. Returns true when at least one field error was set.
 */
export function fieldErrors(error: unknown, fields: readonly string[]): Record<string, string> {
  if (!isApiError(error) || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof issue?.path !== 'string' || typeof issue.message !== 'string') continue;
    const field = issue.path.replace(/^body\./, '');
    if (fields.includes(field) && !out[field]) out[field] = capitalize(issue.message);
  }
  return out;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
