/**
 * Text helpers shared by the lead normalizers. Pure functions: the single-lead verbs and the
 * bulk import path call them per row.
 */

/** Letters that Unicode decomposition leaves alone but matching should treat as plain Latin. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

/** Invisible characters that sneak in through copy-paste and spreadsheets. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Removes invisible characters, collapses runs of whitespace and trims. */
export function cleanText(value: string): string {
  return value.replace(INVISIBLE_RE, '').replace(/\s+/gu, ' ').trim();
}

/** cleanText, and null for an empty result. */
export function cleanOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = cleanText(value);
  return v === '' ? null : v;
}

/**
 * Accent- and case-insensitive matching key: "José Núñez" → "jose nunez", "Müller" → "muller",
 * "Straße" → "strasse". NFKD also unfolds ligatures and full-width forms.
 */
export function foldText(value: string): string {
  return cleanText(value)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c]!)
    .toLowerCase();
}

/**
 * Sort key for keyset pagination: present values sort (folded) before missing ones in
 * ascending order, and every key is a non-null string so that one ascending btree index and a
 * row comparison `(key, id) > ($1, $2)` serve both directions.
 */
export function sortKey(value: string | null | undefined): string {
  const folded = value ? foldText(value) : '';
  return folded === '' ? '2' : `1${folded}`;
}
