import { countryCode, STAGES } from '../leads/index.js';

/** What a cell looks like, judged from its text alone. */
export type ValueKind = 'email' | 'linkedin' | 'twitter' | 'url' | 'domain' | 'phone' | 'country' | 'integer' | 'stage';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;
const LINKEDIN = /^(https?:\/\/)?([a-z]{2,3}\.)?linkedin\.com\/(in|pub|sales\/(lead|people))\//i;
const TWITTER = /^(https?:\/\/)?(www\.)?(twitter|x)\.com\/[a-z0-9_]{1,15}\/?$/i;
const URL_RE = /^(https?:\/\/|www\.)[^\s]+\.[^\s]{2,}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
const PHONE_CHARS = /^[+(]?[\d\s().\-/]{6,}(\s*(x|ext\.?|#)\s*\d{1,6})?$/i;
const INTEGER = /^-?\d{1,3}([,.\s]?\d{3})*$|^-?\d+$/;
const STAGE_SET = new Set<string>(STAGES);

/** The kinds a value matches (a value may match several: "acme.com" is a domain, "42" an integer). */
export function valueKinds(raw: string): ValueKind[] {
  const v = raw.trim();
  if (!v) return [];
  const kinds: ValueKind[] = [];
  if (EMAIL.test(v)) return ['email'];
  if (LINKEDIN.test(v)) return ['linkedin'];
  if (TWITTER.test(v)) return ['twitter'];
  if (URL_RE.test(v)) kinds.push('url');
  else if (DOMAIN.test(v) && !/^\d+(\.\d+)+$/.test(v)) kinds.push('domain');
  if (INTEGER.test(v) && v.replace(/\D/g, '').length <= 9) kinds.push('integer');
  if (PHONE_CHARS.test(v)) {
    const digits = v.replace(/\D/g, '').length;
    const looksFormatted = /^\+/.test(v) || /[\s().\-/]/.test(v) || digits >= 10;
    if (digits >= 7 && digits <= 15 && looksFormatted && !/^\d{4}-\d{2}-\d{2}$/.test(v)) kinds.push('phone');
  }
  if (v.length <= 60 && !/\d/.test(v) && countryCode(v)) kinds.push('country');
  if (STAGE_SET.has(v.toLowerCase())) kinds.push('stage');
  return kinds;
}

/** Share (0..1) of the non-empty values of a column matching each kind, and how many were looked at. */
export function profileValues(values: string[]): { shares: Partial<Record<ValueKind, number>>; filled: number } {
  const counts: Partial<Record<ValueKind, number>> = {};
  let filled = 0;
  for (const value of values) {
    if (!value || !value.trim()) continue;
    filled++;
    for (const kind of valueKinds(value)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const shares: Partial<Record<ValueKind, number>> = {};
  for (const [kind, n] of Object.entries(counts)) shares[kind as ValueKind] = filled ? n / filled : 0;
  return { shares, filled };
}
