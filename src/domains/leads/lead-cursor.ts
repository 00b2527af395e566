import { validationError } from '../../core/errors.js';

/** Keyset position: the sort, its direction, the sort value of the last row (as text; null when empty) and its id. */
export interface LeadCursor {
  sort: string;
  order: 'asc' | 'desc';
  value: string | null;
  id: string;
}

export function encodeLeadCursor(c: LeadCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id])).toString('base64url');
}

export function decodeLeadCursor(cursor: string, sort: string, order: 'asc' | 'desc'): LeadCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    parsed.every((p, i) => typeof p === 'string' || (i === 2 && p === null)) &&
    /^[0-9a-f-]{36}$/.test(parsed[3] as string);
  if (!valid) throw validationError('Invalid cursor; start again without one', [{ path: 'cursor', message: 'invalid' }]);
  const [s, o, value, id] = parsed as [string, string, string | null, string];
  if (s !== sort || o !== order) {
    throw validationError('The cursor belongs to another sort order; start again without one', [{ path: 'cursor', message: 'sort mismatch' }]);
  }
  return { sort, order, value, id };
}
