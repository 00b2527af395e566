import type { CustomField, CustomFieldType, Lead } from './types';

/**
 * The lead fields the UI knows: canonical ones (DESIGN.md) with their label, kind and whether
 * the API can sort on them, plus the workspace's custom fields as `custom.<key>`.
 */
export type FieldKind = 'list' | 'presence' | 'text' | 'email' | 'url' | 'phone' | 'number' | 'money' | 'date' | 'stage' | 'tags' | 'owner' | 'longtext' | 'boolean' | 'select';

export interface FieldDef {
  /** Column id and API name: a canonical field or `custom.<key>`. */
  id: string;
  label: string;
  kind: FieldKind;
  /** The API's `sort` value for this column, if it can sort on it. */
  sort?: string;
  /** Derived or system fields are shown but not edited. */
  readOnly?: boolean;
  options?: string[];
}

const FIELDS: FieldDef[] = [
  { id: 'full_name', label: 'Name', kind: 'text', sort: 'last_name' },
  { id: 'first_name', label: 'First name', kind: 'text' },
  { id: 'last_name', label: 'Last name', kind: 'text' },
  { id: 'email', label: 'Email', kind: 'email' },
  { id: 'title', label: 'Title', kind: 'text' },
  { id: 'seniority', label: 'Seniority', kind: 'text' },
  { id: 'department', label: 'Department', kind: 'text' },
  { id: 'company', label: 'Company', kind: 'text', sort: 'company' },
  { id: 'company_domain', label: 'Company domain', kind: 'text' },
  { id: 'website', label: 'Website', kind: 'url' },
  { id: 'phone', label: 'Phone', kind: 'phone' },
  { id: 'mobile_phone', label: 'Mobile phone', kind: 'phone' },
  { id: 'linkedin_url', label: 'LinkedIn', kind: 'url' },
  { id: 'twitter_url', label: 'X / Twitter', kind: 'url' },
  { id: 'city', label: 'City', kind: 'text' },
  { id: 'state', label: 'State', kind: 'text' },
  { id: 'country', label: 'Country', kind: 'text' },
  { id: 'industry', label: 'Industry', kind: 'text' },
  { id: 'employee_count', label: 'Employees', kind: 'number' },
  { id: 'annual_revenue', label: 'Annual revenue', kind: 'money' },
  { id: 'lead_source', label: 'Lead source', kind: 'text' },
  { id: 'stage', label: 'Stage', kind: 'stage' },
  { id: 'tags', label: 'Tags', kind: 'tags' },
  { id: 'owner_id', label: 'Owner', kind: 'owner' },
  { id: 'deal_value', label: 'Deal value', kind: 'money' },
  { id: 'closed_at', label: 'Closed', kind: 'date' },
  { id: 'revenue', label: 'Revenue', kind: 'money' },
  { id: 'notes', label: 'Notes', kind: 'longtext' },
  { id: 'created_at', label: 'Created', kind: 'date', sort: 'created_at', readOnly: true },
  { id: 'updated_at', label: 'Updated', kind: 'date', sort: 'updated_at', readOnly: true },
];

/** The API sorts on every column but tags, notes and the owner (an id); names sort by last name. */
const UNSORTABLE = new Set(['tags', 'notes', 'owner_id']);
export const CANONICAL_FIELDS: FieldDef[] = FIELDS.map((f) => (f.sort || UNSORTABLE.has(f.id) ? f : { ...f, sort: f.id }));

export const DEFAULT_COLUMNS = ['full_name', 'email', 'company', 'title', 'stage', 'tags', 'created_at'];

const CUSTOM_KIND: Record<CustomFieldType, FieldKind> = { text: 'text', number: 'number', date: 'date', boolean: 'boolean', select: 'select' };

export const customFieldDef = (f: CustomField): FieldDef => ({
  id: `custom.${f.key}`,
  label: f.label,
  kind: CUSTOM_KIND[f.type],
  options: f.options,
  sort: `custom.${f.key}`,
});

/** Canonical fields then custom fields, by id. */
export function fieldCatalog(customFields: CustomField[] = []): Map<string, FieldDef> {
  return new Map([...CANONICAL_FIELDS, ...customFields.map(customFieldDef)].map((f) => [f.id, f]));
}

/** The raw value of a field on a lead (`custom.<key>` reads the custom map). */
export function fieldValue(lead: Lead, id: string): unknown {
  if (id.startsWith('custom.')) return lead.custom[id.slice('custom.'.length)] ?? null;
  if (id === 'full_name') return lead.full_name ?? ([lead.first_name, lead.last_name].filter(Boolean).join(' ') || null);
  return (lead as unknown as Record<string, unknown>)[id] ?? null;
}

/** The name to show for a lead anywhere: name, else email, else company. */
export const leadDisplayName = (lead: Lead) =>
  (fieldValue(lead, 'full_name') as string | null) ?? lead.email ?? lead.company ?? 'Unnamed lead';
