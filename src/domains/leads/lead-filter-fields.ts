import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CustomFieldDef } from './custom-values.js';
import { STAGES } from './fields.js';
import { leads } from './leads.tables.js';

/**
 * How a field filters and sorts.
 * - text: case-insensitive eq/in; contains / starts_with (ILIKE)
 * - number, date (YYYY-MM-DD text), timestamp: comparisons and ranges
 * - enum: a closed set of values; boolean; uuid (owner_id, "me" allowed)
 * - tags (text[]), list (membership), presence (has_email, has_phone: true/false)
 */
export type FilterKind = 'text' | 'number' | 'date' | 'timestamp' | 'enum' | 'boolean' | 'uuid' | 'tags' | 'list' | 'presence';

export interface FilterField {
  name: string;
  kind: FilterKind;
  /** The SQL expression filtered and sorted on; absent for list and presence fields. */
  expr?: SQL | AnyPgColumn;
  /** Values of an enum field. */
  values?: readonly string[];
  /** Stored lower-cased: eq/in compare the raw column and can use its index. */
  lowerStored?: boolean;
  /**
   * Held whole in `search_text` (normalize-lead.ts): contains / starts_with may then narrow the
   * leads read through the trigram index first (search-text-prefilter.ts). Not set on fields
   * with a count index (company, title, city): `search_text` is not in it, so the added condition
   * would turn its index-only count into a visit of every row.
   */
  inSearchText?: boolean;
  /** For custom select fields: the options (values are matched ignoring case). */
  options?: readonly string[];
  sortable: boolean;
}

const PHONE_TYPES = [
  'mobile', 'fixed_line', 'fixed_line_or_mobile', 'voip', 'toll_free', 'premium_rate', 'shared_cost', 'personal_number', 'pager', 'uan',
  'voicemail',
] as const;

/** The verification contract (DESIGN.md). */
const EMAIL_STATUSES = ['valid', 'invalid', 'risky', 'unknown'] as const;
const EMAIL_REASONS = [
  'accepted', 'invalid_syntax', 'domain_not_found', 'no_mail_server', 'mailbox_not_found', 'mailbox_disabled', 'mailbox_full', 'catch_all',
  'disposable', 'role_account', 'smtp_unreachable', 'smtp_tempfail', 'blocked', 'smtp_skipped',
] as const;

const text = (name: string, expr: AnyPgColumn, extra: Partial<FilterField> = {}): FilterField => ({ name, kind: 'text', expr, sortable: true, ...extra });
const num = (name: string, expr: AnyPgColumn): FilterField => ({ name, kind: 'number', expr, sortable: true });
const time = (name: string, expr: AnyPgColumn): FilterField => ({ name, kind: 'timestamp', expr, sortable: true });

/**
 * Every built-in field a filter or a sort may name (custom fields are `custom.<key>`).
 * Hook for lead scoring: when a `score` column lands, add `num('score', leads.score)` here and
 * the score range filter (`gte`/`lte`/`between`) and sort work with no other change.
 */
const BUILT_IN: FilterField[] = [
  { ...text('email', leads.email), lowerStored: true, inSearchText: true },
  text('first_name', leads.firstName, { inSearchText: true }),
  text('last_name', leads.lastName, { inSearchText: true }),
  text('full_name', leads.fullName, { inSearchText: true }),
  text('title', leads.title),
  text('seniority', leads.seniority),
  text('department', leads.department),
  text('company', leads.company),
  { ...text('company_domain', leads.companyDomain), lowerStored: true, inSearchText: true },
  text('website', leads.website),
  text('phone', leads.phone),
  text('mobile_phone', leads.mobilePhone),
  text('linkedin_url', leads.linkedinUrl),
  text('twitter_url', leads.twitterUrl),
  text('city', leads.city),
  text('state', leads.state),
  text('country', leads.country),
  text('country_code', leads.countryCode),
  text('industry', leads.industry),
  text('lead_source', leads.leadSource),
  text('notes', leads.notes, { sortable: false }),
  { name: 'phone_type', kind: 'enum', expr: leads.phoneType, values: PHONE_TYPES, sortable: true },
  { name: 'mobile_phone_type', kind: 'enum', expr: leads.mobilePhoneType, values: PHONE_TYPES, sortable: true },
  text('phone_country', leads.phoneCountry),
  num('employee_count', leads.employeeCount),
  num('annual_revenue', leads.annualRevenue),
  num('deal_value', leads.dealValue),
  num('revenue', leads.revenue),
  { name: 'stage', kind: 'enum', expr: leads.stage, values: STAGES, sortable: true },
  { name: 'email_status', kind: 'enum', expr: leads.emailStatus, values: EMAIL_STATUSES, sortable: true },
  { name: 'email_status_reason', kind: 'enum', expr: leads.emailStatusReason, values: EMAIL_REASONS, sortable: true },
  time('email_verified_at', leads.emailVerifiedAt),
  { name: 'owner_id', kind: 'uuid', expr: leads.ownerId, sortable: true },
  { name: 'tags', kind: 'tags', expr: leads.tags, sortable: false },
  { name: 'list_id', kind: 'list', sortable: false },
  { name: 'has_email', kind: 'presence', sortable: false },
  { name: 'has_phone', kind: 'presence', sortable: false },
  time('created_at', leads.createdAt),
  time('updated_at', leads.updatedAt),
  time('closed_at', leads.closedAt),
];
const BY_NAME = new Map(BUILT_IN.map((f) => [f.name, f]));

/** Names of the built-in fields (error messages, the UI's filter builder). */
export const FILTER_FIELD_NAMES = BUILT_IN.map((f) => f.name);

/** A custom field as a filter field: its JSON value typed by its definition. */
function customField(def: CustomFieldDef): FilterField {
  const name = `custom.${def.key}`;
  const raw = sql`(${leads.custom} ->> ${def.key})`;
  switch (def.type) {
    case 'number':
      // Values are checked on every write, so a number is always a JSON number; the guard keeps
      // a hand-edited row from turning a filter into a cast error.
      return { name, kind: 'number', expr: sql`(case when jsonb_typeof(${leads.custom} -> ${def.key}) = 'number' then (${leads.custom} ->> ${def.key})::numeric end)`, sortable: true };
    case 'boolean':
      return { name, kind: 'boolean', expr: sql`(case when jsonb_typeof(${leads.custom} -> ${def.key}) = 'boolean' then (${leads.custom} ->> ${def.key})::boolean end)`, sortable: true };
    case 'date':
      return { name, kind: 'date', expr: raw, sortable: true };
    case 'select':
      return { name, kind: 'text', expr: raw, options: def.options, sortable: true };
    case 'text':
      return { name, kind: 'text', expr: raw, sortable: true };
  }
}

/** Resolves a field name, or null when the workspace has no such field. */
export function resolveFilterField(name: string, customFields: readonly CustomFieldDef[]): FilterField | null {
  if (name.startsWith('custom.')) {
    const def = customFields.find((d) => d.key === name.slice('custom.'.length));
    return def ? customField(def) : null;
  }
  return BY_NAME.get(name) ?? null;
}

/** The message for a field that does not exist. */
export function unknownFieldMessage(name: string): string {
  return name.startsWith('custom.')
    ? `Unknown field: ${name} (no custom field with the key "${name.slice(7)}" in this workspace)`
    : `Unknown field: ${name}; filter on one of ${FILTER_FIELD_NAMES.join(', ')} or custom.<key>`;
}
