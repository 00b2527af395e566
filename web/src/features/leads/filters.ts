import type { FieldDef, FieldKind } from './fields';

/**
 * The filter builder's rules (field → operator → value), kept in the URL as `?f=<json>`.
 * A rule is one condition of the API's filter tree (docs/LEADS.md, "Filters"); the rules are
 * joined with `and`. `leadQuery` turns them into the API's query parameters.
 */
export type FilterOp = 'eq' | 'neq' | 'contains' | 'starts_with' | 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'is_empty' | 'is_not_empty';

export interface FilterRule {
  field: string;
  op: FilterOp;
  value?: string | string[];
}

const OP_LABELS: Record<FilterOp, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  starts_with: 'starts with',
  in: 'is any of',
  not_in: 'is none of',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  between: 'between',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
};

const DATE_LABELS: Partial<Record<FilterOp, string>> = { gte: 'on or after', lte: 'on or before' };
const TAG_LABELS: Partial<Record<FilterOp, string>> = { eq: 'has', neq: 'does not have' };

export function opLabel(op: FilterOp, kind: FieldKind): string {
  if (kind === 'date') return DATE_LABELS[op] ?? OP_LABELS[op];
  if (kind === 'tags') return TAG_LABELS[op] ?? OP_LABELS[op];
  return OP_LABELS[op];
}

/** Operators that take no value, and those that take several. */
export const VALUELESS: ReadonlySet<FilterOp> = new Set(['is_empty', 'is_not_empty']);
export const MULTI_VALUE: ReadonlySet<FilterOp> = new Set(['in', 'not_in']);

const TEXT_OPS: FilterOp[] = ['contains', 'eq', 'neq', 'starts_with', 'is_empty', 'is_not_empty'];
const OPS_BY_KIND: Record<FieldKind, FilterOp[]> = {
  text: TEXT_OPS,
  email: TEXT_OPS,
  url: TEXT_OPS,
  phone: TEXT_OPS,
  longtext: ['contains', 'is_empty', 'is_not_empty'],
  number: ['eq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  money: ['eq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  date: ['gte', 'lte', 'is_empty', 'is_not_empty'],
  stage: ['in', 'not_in'],
  tags: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  owner: ['eq', 'is_empty', 'is_not_empty'],
  boolean: ['eq'],
  select: ['in', 'not_in', 'is_empty', 'is_not_empty'],
  list: ['in', 'not_in'],
  presence: ['eq'],
};

/** Fields the builder offers beside the lead's own columns. */
export const FILTER_ONLY_FIELDS: FieldDef[] = [
  { id: 'list_id', label: 'List', kind: 'list' },
  { id: 'has_email', label: 'Has a valid email', kind: 'presence' },
  { id: 'has_phone', label: 'Has a phone', kind: 'presence' },
  { id: 'email_status', label: 'Email status', kind: 'select', options: ['valid', 'invalid', 'risky', 'unknown'] },
];

export const opsFor = (field: FieldDef): FilterOp[] => OPS_BY_KIND[field.kind];

export const isComplete = (r: FilterRule) =>
  VALUELESS.has(r.op) || (Array.isArray(r.value) ? r.value.length > 0 : r.value !== undefined && r.value !== '');

export function readRules(raw: string | null): FilterRule[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((r): r is FilterRule => typeof r === 'object' && r !== null && typeof r.field === 'string' && typeof r.op === 'string');
  } catch {
    return [];
  }
}

export const writeRules = (rules: FilterRule[]) => (rules.length ? JSON.stringify(rules) : null);

/** One rule as a condition of the API's filter tree, values typed by the field's kind. */
export function ruleCondition(rule: FilterRule, field: FieldDef | undefined): unknown {
  const kind = field?.kind ?? 'text';
  const typed = (v: string): string | number | boolean => {
    if (kind === 'number' || kind === 'money') return Number(v);
    if (kind === 'boolean' || kind === 'presence') return v === 'true';
    return v;
  };
  const value = VALUELESS.has(rule.op) ? undefined : Array.isArray(rule.value) ? rule.value.map(typed) : typed(rule.value ?? '');
  // "does not have tag x" is the negation of "has tag x" (a lead without tags has none of them).
  if (kind === 'tags' && rule.op === 'neq') return { not: { field: rule.field, op: 'eq', value } };
  return value === undefined ? { field: rule.field, op: rule.op } : { field: rule.field, op: rule.op, value };
}

/** "Stage is any of mql, sql" */
export function describeRule(rule: FilterRule, field: FieldDef | undefined, valueLabel: (v: string) => string = (v) => v) {
  const values = Array.isArray(rule.value) ? rule.value : [rule.value ?? ''];
  const shown = VALUELESS.has(rule.op) ? '' : ` ${values.map(valueLabel).join(', ')}`;
  return `${field?.label ?? rule.field} ${opLabel(rule.op, field?.kind ?? 'text')}${shown}`;
}
