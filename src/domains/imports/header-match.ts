import { CANONICAL_FIELDS, type CanonicalField } from '../leads/index.js';
import { compactKey, headerKey } from './header-key.js';
import { HEADER_SYNONYMS } from './header-synonyms.js';

export interface FieldCandidate {
  field: CanonicalField;
  score: number;
}

/** Headers that name a field but say little on their own ("Name", "Status", "Source"…). */
const WEAK = new Set(['name', 'status', 'source', 'level', 'x', 'site', 'contact', 'land', 'ort', 'ca', 'service', 'area', 'team', 'function', 'last', 'first', 'nom', 'web', 'phase', 'label', 'description', 'person', 'account', 'sales', 'taille', 'origin', 'region', 'url', 'profile url']);

/** Words that turn a header into something else: "Email Status" is not an email, "Owner Email" not the lead's. */
const DISQUALIFYING = new Set([
  'status', 'verified', 'verification', 'valid', 'confidence', 'score', 'id', 'owner', 'date', 'at', 'sent', 'open', 'opened',
  'bounced', 'clicked', 'replied', 'unsubscribed', 'opt', 'optout', 'count', 'type', 'catch', 'created', 'modified',
  'updated', 'secondary', 'personal', 'home', 'other', 'old', 'previous', 'past', 'facebook', 'zip', 'postal', 'postcode', 'code', 'address',
]);

/** Prefixes that qualify a field without changing it: "Contact First Name", "Person City", "Work Email". */
const NEUTRAL_PREFIXES = ['contact', 'person', 'lead', 'prospect', 'primary', 'main', 'work', 'business', 'mailing', 'current', 'your', 'main'];
/** Prefixes that move the field to the company: "Company City" is not the lead's city. */
const COMPANY_PREFIXES = ['company', 'account', 'organization', 'organisation', 'org', 'entreprise', 'societe', 'firma', 'unternehmen', 'empresa', 'hq', 'corporate'];
const COMPANY_LEVEL_OK = new Set<CanonicalField>(['company', 'company_domain', 'website', 'industry', 'employee_count', 'annual_revenue', 'phone']);

let exact: Map<string, CanonicalField> | undefined;
function exactTable(): Map<string, CanonicalField> {
  if (exact) return exact;
  exact = new Map();
  for (const field of CANONICAL_FIELDS) {
    exact.set(compactKey(field), field);
    for (const synonym of HEADER_SYNONYMS[field]) if (!exact.has(compactKey(synonym))) exact.set(compactKey(synonym), field);
  }
  return exact;
}

const scoreOf = (key: string, base: number) => (WEAK.has(key) ? Math.min(base, 0.7) : base);

/** The fields a header names, best first (empty when it names none). Pure. */
export function matchHeader(header: string): FieldCandidate[] {
  const words = headerKey(header).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const table = exactTable();
  const joined = words.join(' ');
  const direct = table.get(words.join(''));
  if (direct) return [{ field: direct, score: scoreOf(joined, 0.95) }];
  // "Email 2", "Phone #1": a trailing number only ranks the column.
  const numbered = /^\d+$/.test(words.at(-1)!) ? table.get(words.slice(0, -1).join('')) : undefined;
  if (numbered) return [{ field: numbered, score: words.at(-1) === '1' ? 0.9 : 0.6 }];
  let rest = words;
  while (rest.length > 1 && NEUTRAL_PREFIXES.includes(rest[0]!)) rest = rest.slice(1);
  const afterNeutral = table.get(rest.join(''));
  if (afterNeutral && rest !== words) return [{ field: afterNeutral, score: 0.85 }];
  if (words.some((w) => DISQUALIFYING.has(w))) return [];

  if (COMPANY_PREFIXES.includes(rest[0]!) && rest.length > 1) {
    const inner = table.get(rest.slice(1).join(''));
    if (inner && COMPANY_LEVEL_OK.has(inner)) return [{ field: inner, score: inner === 'phone' ? 0.5 : 0.8 }];
    if (inner) return [];
  }
  // A known field name inside a longer header ("Direct Email Address (verified)" was caught above).
  for (let len = Math.min(3, rest.length - 1); len >= 1; len--) {
    for (let i = 0; i + len <= rest.length; i++) {
      const field = table.get(rest.slice(i, i + len).join(''));
      if (field && !WEAK.has(rest.slice(i, i + len).join(' '))) return [{ field, score: 0.55 }];
    }
  }
  return [];
}

/**
 * Whether a header says its column is something other than the lead's own field ("Email
 * Status", "Company LinkedIn URL", "Owner Email"): its values must not pick a field either.
 */
export function headerRejectsFields(header: string): boolean {
  if (matchHeader(header).length > 0) return false;
  const words = headerKey(header).split(' ').filter(Boolean);
  if (words.some((w) => DISQUALIFYING.has(w))) return true;
  const i = words.findIndex((w) => COMPANY_PREFIXES.includes(w));
  return i >= 0 && i < words.length - 1 && exactTable().has(words.slice(i + 1).join(''));
}
