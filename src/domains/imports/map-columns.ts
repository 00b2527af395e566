import type { CanonicalField } from '../leads/index.js';
import { customKey, headerKey } from './header-key.js';
import { headerRejectsFields, matchHeader, type FieldCandidate } from './header-match.js';
import { profileValues, type ValueKind } from './value-kinds.js';

/** A column's suggested target: a canonical field, `custom.<key>`, or null (skip). */
export interface ColumnSuggestion {
  index: number;
  header: string;
  field: string | null;
  /** 0..1: how sure the suggestion is. */
  confidence: number;
  /** Why: `header`, `values`, `header+values`, `custom`, `empty`. */
  reason: 'header' | 'values' | 'header+values' | 'custom' | 'empty' | 'remembered';
}

/** Value kinds that identify a field on their own, with the share of values needed. */
const KIND_FIELDS: [ValueKind, CanonicalField, number][] = [
  ['email', 'email', 0.6],
  ['linkedin', 'linkedin_url', 0.6],
  ['twitter', 'twitter_url', 0.6],
  ['url', 'website', 0.6],
  ['domain', 'company_domain', 0.7],
  ['phone', 'phone', 0.7],
  ['country', 'country', 0.8],
  ['stage', 'stage', 0.9],
];

/** Fields whose header match must be backed by values when there are enough of them. */
const VALUE_CHECKED: Partial<Record<CanonicalField, ValueKind[]>> = {
  email: ['email'],
  linkedin_url: ['linkedin'],
  twitter_url: ['twitter', 'url'],
  website: ['url', 'domain'],
  company_domain: ['domain', 'url'],
  phone: ['phone', 'integer'],
  mobile_phone: ['phone', 'integer'],
  stage: ['stage'],
};
const MIN_SAMPLE = 3;

function candidatesFor(header: string, values: string[]): { candidates: (FieldCandidate & { why: ColumnSuggestion['reason'] })[]; filled: number } {
  const { shares, filled } = profileValues(values);
  const out: (FieldCandidate & { why: ColumnSuggestion['reason'] })[] = [];
  for (const c of matchHeader(header)) {
    const kinds = VALUE_CHECKED[c.field];
    if (!kinds || filled < MIN_SAMPLE) {
      out.push({ ...c, why: 'header' });
      continue;
    }
    const share = Math.max(...kinds.map((k) => shares[k] ?? 0));
    if (share >= 0.5) out.push({ field: c.field, score: Math.min(0.99, c.score + 0.04 + 0.05 * share), why: 'header+values' });
    else if (c.field !== 'stage') out.push({ field: c.field, score: c.score * (0.4 + share), why: 'header' });
  }
  if (filled > 0 && !headerRejectsFields(header)) {
    for (const [kind, field, needed] of KIND_FIELDS) {
      const share = shares[kind] ?? 0;
      if (share >= needed && !out.some((c) => c.field === field)) {
        // A bare integer column ("42") also reads as a phone only when formatted; keep that weak.
        const strength = kind === 'email' || kind === 'linkedin' ? 0.9 : 0.75;
        out.push({ field, score: Math.round(strength * share * 100) / 100 - (filled < MIN_SAMPLE ? 0.15 : 0), why: 'values' });
      }
    }
  }
  return { candidates: out.sort((a, b) => b.score - a.score), filled };
}

/**
 * Suggests a target for every column from its header and a sample of its values. Each
 * canonical field goes to at most one column (the surest); the others become custom fields.
 * Pure: `rows` are the preview rows (arrays aligned with `headers`).
 */
export function suggestMapping(headers: string[], rows: string[][]): ColumnSuggestion[] {
  const columns = headers.map((header, index) => ({ header, index, ...candidatesFor(header, rows.map((r) => r[index] ?? '')) }));
  const picks = columns
    .flatMap((col) => col.candidates.map((c) => ({ col, c })))
    .sort((a, b) => b.c.score - a.c.score || a.col.index - b.col.index);
  const taken = new Set<string>();
  const result = new Map<number, ColumnSuggestion>();
  for (const { col, c } of picks) {
    if (taken.has(c.field) || result.has(col.index)) continue;
    taken.add(c.field);
    result.set(col.index, { index: col.index, header: col.header, field: c.field, confidence: round(c.score), reason: c.why });
  }
  const usedKeys = new Set<string>();
  return columns.map((col) => {
    const picked = result.get(col.index);
    if (picked) return picked;
    if (col.filled === 0) return { index: col.index, header: col.header, field: null, confidence: round(headerKey(col.header) ? 0.6 : 0.9), reason: 'empty' };
    let key = customKey(col.header) ?? `column_${col.index + 1}`;
    for (let n = 2; usedKeys.has(key); n++) key = `${key.replace(/_\d+$/, '')}_${n}`;
    usedKeys.add(key);
    return { index: col.index, header: col.header, field: `custom.${key}`, confidence: round(headerKey(col.header) ? 0.5 : 0.3), reason: 'custom' };
  });
}

const round = (n: number) => Math.max(0, Math.min(1, Math.round(n * 100) / 100));
