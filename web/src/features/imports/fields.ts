import type { ComboboxItemGroup, ComboboxItem } from '@mantine/core';
import type { CustomField, MappedColumn } from './types';

/** The canonical lead fields of DESIGN.md, in the order a person reads a contact. */
export const CANONICAL_FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name',
  title: 'Job title',
  seniority: 'Seniority',
  department: 'Department',
  company: 'Company',
  company_domain: 'Company domain',
  website: 'Website',
  phone: 'Phone',
  mobile_phone: 'Mobile phone',
  linkedin_url: 'LinkedIn URL',
  twitter_url: 'Twitter / X URL',
  city: 'City',
  state: 'State / region',
  country: 'Country',
  industry: 'Industry',
  employee_count: 'Employee count',
  annual_revenue: 'Annual revenue',
  lead_source: 'Lead source',
  stage: 'Stage',
  tags: 'Tags',
  notes: 'Notes',
};

/** The Select value of "skip this column" (Select values are strings). */
export const SKIP = '__skip__';

/** `custom.<key>` for a header, as the server names new custom fields (lower case, digits, underscores). */
export function customKeyFor(header: string, index: number): string {
  const slug = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 60);
  return `custom.${slug || `column_${index + 1}`}`;
}

export function fieldLabel(field: string | null, customFields: readonly CustomField[] = []): string {
  if (!field) return 'Skipped';
  if (field.startsWith('custom.')) {
    const key = field.slice('custom.'.length);
    const known = customFields.find((f) => f.key === key);
    return known ? `${known.label} (custom)` : `${key} (new custom field)`;
  }
  return CANONICAL_FIELD_LABELS[field] ?? field;
}

/**
 * The choices of one column's Select: skip, the lead fields, the workspace's custom fields, and
 * a new custom field named after the column. A target taken by another column is disabled and
 * says which column has it (each field receives one column at most).
 */
export function targetOptions(column: MappedColumn, mapping: readonly MappedColumn[], customFields: readonly CustomField[]): ComboboxItemGroup<ComboboxItem>[] {
  const takenBy = new Map<string, string>();
  for (const c of mapping) if (c.field && c.index !== column.index) takenBy.set(c.field, c.header || `Column ${c.index + 1}`);
  const item = (value: string, label: string): ComboboxItem => {
    const owner = takenBy.get(value);
    return owner ? { value, label: `${label} — used by "${owner}"`, disabled: true } : { value, label };
  };
  const ownKey = column.field?.startsWith('custom.') ? column.field : customKeyFor(column.header, column.index);
  const existing = customFields.map((f) => item(`custom.${f.key}`, `${f.label} (custom)`));
  const custom = existing.some((o) => o.value === ownKey) ? existing : [...existing, item(ownKey, `New custom field "${ownKey.slice(7)}"`)];
  return [
    { group: 'Do not import', items: [{ value: SKIP, label: 'Skip this column' }] },
    { group: 'Lead fields', items: Object.entries(CANONICAL_FIELD_LABELS).map(([value, label]) => item(value, label)) },
    { group: 'Custom fields', items: custom },
  ];
}

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

export function confidenceLevel(confidence: number, field: string | null): ConfidenceLevel {
  if (!field) return 'none';
  if (confidence >= 0.85) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

export const REASON_LABELS: Record<string, string> = {
  header: 'from the column name',
  values: 'from the values',
  'header+values': 'the column name and the values agree',
  custom: 'kept as a custom field',
  empty: 'the column is empty',
  remembered: 'your last import of these columns',
  manual: 'chosen by you',
};
