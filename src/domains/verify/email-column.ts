import { validationError } from '../../core/errors.js';

export interface EmailColumn {
  /** 0-based column holding the addresses. */
  index: number;
  /** Whether the first row is a header (skipped). */
  hasHeader: boolean;
}

const HEADER_NAMES = new Set(['email', 'emailaddress', 'mail', 'workemail', 'businessemail', 'emailaddresses', 'courriel', 'correo', 'correoelectronico']);
const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s_.-]+/g, '');
const looksLikeAddress = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/** A header cell that names an email column ("Email", "E-mail", "Work email", "email_address"). */
export const isEmailHeader = (cell: string) => {
  const key = headerKey(cell);
  return HEADER_NAMES.has(key) || (key.includes('email') && !looksLikeAddress(cell));
};

/**
 * Which column of a table holds the addresses. `column` (a header name, case-insensitive, or a
 * 1-based number) wins; else a header that names an email column (the exact names first);
 * else the column whose values look most like addresses. `rows` are the first rows of the
 * file (the first one may be a header). Throws VALIDATION when no column holds addresses.
 */
export function pickEmailColumn(rows: string[][], column?: string): EmailColumn {
  const first = rows[0] ?? [];
  const firstIsHeader = first.some((c) => c.trim() !== '') && !first.some(looksLikeAddress);
  if (column !== undefined && column.trim() !== '') {
    const wanted = column.trim();
    if (/^\d+$/.test(wanted)) {
      const index = Number(wanted) - 1;
      const width = Math.max(0, ...rows.map((r) => r.length));
      if (index < 0 || index >= width) throw validationError(`column ${wanted}: the file has ${width} column(s)`);
      return { index, hasHeader: firstIsHeader };
    }
    const index = first.findIndex((h) => headerKey(h) === headerKey(wanted));
    if (index < 0) throw validationError(`column "${wanted}" is not in the header (${first.filter(Boolean).slice(0, 10).join(', ')})`);
    return { index, hasHeader: true };
  }
  if (firstIsHeader) {
    const exact = first.findIndex((h) => HEADER_NAMES.has(headerKey(h)));
    const loose = first.findIndex(isEmailHeader);
    if (exact >= 0 || loose >= 0) return { index: exact >= 0 ? exact : loose, hasHeader: true };
  }
  const body = firstIsHeader ? rows.slice(1) : rows;
  const width = Math.max(0, ...rows.map((r) => r.length));
  let best = -1;
  let bestHits = 0;
  for (let i = 0; i < width; i++) {
    const hits = body.filter((r) => looksLikeAddress(r[i] ?? '')).length;
    if (hits > bestHits) [best, bestHits] = [i, hits];
  }
  if (best < 0) throw validationError('no email column: name a header "email", or pass the column');
  return { index: best, hasHeader: firstIsHeader };
}
