/** Canonical lead fields (DESIGN.md): the names the API, import mapping, export and CRM maps share. */
export const CANONICAL_FIELDS = [
  'email', 'first_name', 'last_name', 'full_name', 'title', 'seniority', 'department', 'company', 'company_domain', 'website',
  'phone', 'mobile_phone', 'linkedin_url', 'twitter_url', 'city', 'state', 'country', 'industry', 'employee_count',
  'annual_revenue', 'lead_source', 'stage', 'tags', 'notes',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Pipeline fields beside the canonical ones; they carry provenance too. */
export const DEAL_FIELDS = ['owner_id', 'deal_value', 'closed_at', 'revenue'] as const;
export type DealField = (typeof DEAL_FIELDS)[number];

/** Every field a write can set, in the order the API shows them; custom fields are `custom.<key>`. */
export const LEAD_FIELDS = [...CANONICAL_FIELDS, ...DEAL_FIELDS] as const;
export type LeadField = CanonicalField | DealField;

export const STAGES = ['new', 'contacted', 'mql', 'sql', 'opportunity', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
/** Stages that close a deal: `closed_at` is set on entering them and cleared on leaving. */
export const CLOSED_STAGES: readonly Stage[] = ['customer', 'lost'];
export const WON_STAGE: Stage = 'customer';

/** Size limits of lead values (longer input is a 400, never silently cut). */
export const LIMITS = {
  name: 200,
  email: 320,
  phone: 64,
  url: 2048,
  text: 500,
  notes: 20_000,
  tags: 100,
  tag: 100,
  customText: 5_000,
  customFields: 200,
  selectOptions: 500,
  amount: 1e15,
  employees: 100_000_000,
} as const;

/** Sort orders of the lead listing, each served by an ascending btree index (see leads.tables.ts). */
export const LEAD_SORTS = ['created_at', 'updated_at', 'last_name', 'company'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** Leads stay restorable this long after a delete; the purge removes them afterwards. */
export const RESTORE_WINDOW_DAYS = 30;
