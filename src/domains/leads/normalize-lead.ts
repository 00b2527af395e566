import { validationError } from '../../core/errors.js';
import { checkCustomValue, type CustomFieldDef, type CustomValue } from './custom-values.js';
import { CLOSED_STAGES, LEAD_FIELDS, WON_STAGE, type LeadField } from './fields.js';
import type { LeadPatch } from './lead-input.js';
import type { LeadRow } from './leads.tables.js';
import { companyMatchKey, cleanCompanyName } from './normalize-company.js';
import { countryCode } from './normalize-country.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizeLinkedinUrl } from './normalize-linkedin.js';
import { joinName, splitFullName, tidyNamePart } from './normalize-name.js';
import { normalizePhone } from './normalize-phone.js';
import { cleanOrNull, foldText, sortKey } from './normalize-text.js';
import { memoize } from '../../core/memo.js';
import { normalizeDomain, normalizeTwitterUrl, normalizeWebsite } from './normalize-url.js';

/** Everything about a lead that a write computes: the row minus identity, times and provenance. */
/** The verifier's columns (email_status…) are left out: only the verify domain writes them. */
export type LeadState = Omit<
  LeadRow,
  'id' | 'workspaceId' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy' | 'provenance' | 'emailStatus' | 'emailStatusReason' | 'emailVerifiedAt'
>;

export const EMPTY_LEAD: LeadState = {
  email: null, emailNormalized: null, firstName: null, lastName: null, fullName: null, title: null, seniority: null,
  department: null, company: null, companyNormalized: null, companyDomain: null, website: null, phone: null, phoneType: null,
  phoneCountry: null, phoneExt: null, mobilePhone: null, mobilePhoneType: null, mobilePhoneCountry: null, mobilePhoneExt: null,
  linkedinUrl: null, twitterUrl: null, city: null, state: null, country: null, countryCode: null, industry: null,
  employeeCount: null, annualRevenue: null, leadSource: null, stage: 'new', tags: [], notes: null, ownerId: null, dealValue: null,
  closedAt: null, revenue: null, custom: {}, issues: {}, searchText: '', sortLastName: '2', sortCompany: '2',
};

/** Column of each field in LeadState (the API uses the canonical snake_case names). */
export const FIELD_COLUMN: Record<LeadField, keyof LeadState> = {
  email: 'email', first_name: 'firstName', last_name: 'lastName', full_name: 'fullName', title: 'title', seniority: 'seniority',
  department: 'department', company: 'company', company_domain: 'companyDomain', website: 'website', phone: 'phone',
  mobile_phone: 'mobilePhone', linkedin_url: 'linkedinUrl', twitter_url: 'twitterUrl', city: 'city', state: 'state',
  country: 'country', industry: 'industry', employee_count: 'employeeCount', annual_revenue: 'annualRevenue',
  lead_source: 'leadSource', stage: 'stage', tags: 'tags', notes: 'notes', owner_id: 'ownerId', deal_value: 'dealValue',
  closed_at: 'closedAt', revenue: 'revenue',
};

/**
 * The pure normalizers whose inputs repeat across the rows of a file (countries, companies,
 * websites, first and last names), remembered per distinct value; phones are remembered in
 * normalizePhone itself.
 */
const countryCodeOf = memoize(countryCode);
const companyKeyOf = memoize(companyMatchKey);
const websiteOf = memoize(normalizeWebsite);
const domainOf = memoize(normalizeDomain);
const firstNameOf = memoize((v) => tidyNamePart(v, 'first'));
const lastNameOf = memoize((v) => tidyNamePart(v, 'last'));

const PLAIN_TEXT: LeadField[] = ['title', 'seniority', 'department', 'city', 'state', 'industry', 'lead_source'];

export interface NormalizeOptions {
  customFields: CustomFieldDef[];
  now: Date;
}

export interface NormalizedLead {
  /** The complete state after the write (derived columns included). */
  state: LeadState;
  /** Fields whose value changed, by canonical name or `custom.<key>`, with old and new values. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * The one normalization pipeline of lead writes, from any source (API, import rows, finder,
 * providers). Pure: `previous` is the current state (EMPTY_LEAD for a new lead). Invalid emails,
 * phones, URLs and countries are kept as given and listed in `issues`; type and rule violations
 * (unknown custom field, revenue on an open deal…) throw VALIDATION.
 */
export function normalizeLead(patch: LeadPatch, previous: LeadState, options: NormalizeOptions): NormalizedLead {
  const state = normalizeLeadState(patch, previous, options);
  return { state, changes: diffFields(previous, state) };
}

/** normalizeLead without the diff: a new lead's row needs only the names of its fields (changedFields), not a from/to pair per field. */
export function normalizeLeadState(patch: LeadPatch, previous: LeadState, options: NormalizeOptions): LeadState {
  const next: LeadState = { ...previous, issues: { ...previous.issues }, custom: { ...previous.custom } };
  const has = (f: keyof LeadPatch) => patch[f] !== undefined;
  const flag = (field: string, issue: string | null) => {
    if (issue) next.issues[field] = issue;
    else delete next.issues[field];
  };

  for (const f of PLAIN_TEXT) if (has(f as keyof LeadPatch)) (next as Record<string, unknown>)[FIELD_COLUMN[f]] = cleanOrNull(patch[f as keyof LeadPatch] as string | null);
  if (has('notes')) next.notes = patch.notes?.trim() ? patch.notes.trim() : null;
  if (has('employee_count')) next.employeeCount = patch.employee_count ?? null;
  if (has('annual_revenue')) next.annualRevenue = patch.annual_revenue ?? null;
  if (has('owner_id')) next.ownerId = patch.owner_id ?? null;
  if (has('tags')) next.tags = cleanTags(patch.tags!);

  if (has('country')) {
    next.country = cleanOrNull(patch.country);
    next.countryCode = next.country ? countryCodeOf(next.country) : null;
    flag('country', next.country && !next.countryCode ? 'unrecognised country' : null);
  }
  if (has('email')) {
    const v = cleanOrNull(patch.email);
    const r = v ? normalizeEmail(v) : null;
    next.email = r ? r.email : null;
    next.emailNormalized = r?.ok ? r.email : null;
    flag('email', r && !r.ok ? r.issue : null);
  }
  applyNames(patch, next);
  if (has('company')) {
    next.company = cleanCompanyName(patch.company ?? '');
    next.companyNormalized = next.company ? companyKeyOf(next.company) || null : null;
  }
  applyWebsiteAndDomain(patch, previous, next, flag);
  applyPhones(patch, previous, next, flag);
  applyUrl(patch.linkedin_url, 'linkedin_url', (v) => normalizeLinkedinUrl(v), (v) => (next.linkedinUrl = v), flag);
  applyUrl(patch.twitter_url, 'twitter_url', (v) => normalizeTwitterUrl(v), (v) => (next.twitterUrl = v), flag);
  applyPipeline(patch, previous, next, options.now);
  if (patch.custom) applyCustom(patch.custom, next, options.customFields);

  next.searchText = buildSearchText(next);
  next.sortLastName = sortKey(next.lastName);
  next.sortCompany = sortKey(next.companyNormalized ?? next.company);
  return next;
}

function applyNames(patch: LeadPatch, next: LeadState) {
  const hasFull = patch.full_name !== undefined;
  const hasFirst = patch.first_name !== undefined;
  const hasLast = patch.last_name !== undefined;
  if (hasFull && !hasFirst && !hasLast) {
    if (patch.full_name === null || cleanOrNull(patch.full_name) === null) {
      next.fullName = null;
      return;
    }
    const parts = splitFullName(patch.full_name!);
    next.fullName = parts.full;
    next.firstName = parts.first;
    next.lastName = parts.last;
    return;
  }
  if (!hasFirst && !hasLast) return;
  if (hasFirst) next.firstName = patch.first_name ? firstNameOf(patch.first_name) : null;
  if (hasLast) next.lastName = patch.last_name ? lastNameOf(patch.last_name) : null;
  const given = hasFull ? cleanOrNull(patch.full_name) : null;
  next.fullName = given ?? joinName(next.firstName, next.lastName);
}

type Flag = (field: string, issue: string | null) => void;

function applyWebsiteAndDomain(patch: LeadPatch, previous: LeadState, next: LeadState, flag: Flag) {
  if (patch.company_domain !== undefined) {
    const v = cleanOrNull(patch.company_domain);
    const r = v ? domainOf(v) : null;
    next.companyDomain = r ? (r.ok ? r.domain : r.value) : null;
    flag('company_domain', r && !r.ok ? r.issue : null);
  }
  if (patch.website === undefined) return;
  const v = cleanOrNull(patch.website);
  const r = v ? websiteOf(v) : null;
  next.website = r ? (r.ok ? r.url : r.value) : null;
  flag('website', r && !r.ok ? r.issue : null);
  // The domain follows the website unless someone set a different domain on purpose.
  if (patch.company_domain === undefined && r?.ok) {
    const old = previous.website ? websiteOf(previous.website) : null;
    const derivedBefore = old?.ok ? old.domain : null;
    if (previous.companyDomain === null || previous.companyDomain === derivedBefore || 'company_domain' in previous.issues) {
      next.companyDomain = r.domain;
      flag('company_domain', null);
    }
  }
}

function applyPhones(patch: LeadPatch, previous: LeadState, next: LeadState, flag: Flag) {
  const countryChanged = next.countryCode !== previous.countryCode;
  const slots = [
    { field: 'phone', input: patch.phone, cols: ['phone', 'phoneType', 'phoneCountry', 'phoneExt'] },
    { field: 'mobile_phone', input: patch.mobile_phone, cols: ['mobilePhone', 'mobilePhoneType', 'mobilePhoneCountry', 'mobilePhoneExt'] },
  ] as const;
  for (const { field, input, cols } of slots) {
    let raw: string | null | undefined = input === undefined ? undefined : cleanOrNull(input);
    // A number kept as given for want of a country may become valid once the country is known.
    if (raw === undefined && countryChanged && field in previous.issues) raw = previous[cols[0]] as string | null;
    if (raw === undefined) continue;
    const r = raw ? normalizePhone(raw, next.countryCode) : null;
    const set = next as Record<string, unknown>;
    set[cols[0]] = r ? (r.ok ? r.e164 : r.phone) : null;
    set[cols[1]] = r?.ok ? r.type : null;
    set[cols[2]] = r?.ok ? r.country : null;
    set[cols[3]] = r?.ok ? r.ext : null;
    flag(field, r && !r.ok ? r.issue : null);
  }
}

function applyUrl(
  input: string | null | undefined,
  field: string,
  normalize: (v: string) => { ok: true; url: string } | { ok: false; value: string; issue: string },
  set: (v: string | null) => void,
  flag: Flag,
) {
  if (input === undefined) return;
  const v = cleanOrNull(input);
  const r = v ? normalize(v) : null;
  set(r ? (r.ok ? r.url : r.value) : null);
  flag(field, r && !r.ok ? r.issue : null);
}

/** Stage, deal value, close date and revenue: closing sets closed_at; reopening clears it and the revenue. */
function applyPipeline(patch: LeadPatch, previous: LeadState, next: LeadState, now: Date) {
  if (patch.stage !== undefined) next.stage = patch.stage;
  if (patch.deal_value !== undefined) next.dealValue = patch.deal_value;
  const closed = CLOSED_STAGES.includes(next.stage);
  if (patch.closed_at !== undefined) {
    if (patch.closed_at !== null && !closed) throw validationError(`closed_at can only be set on a closed lead (stage ${CLOSED_STAGES.join(' or ')})`, [{ path: 'closed_at', message: 'lead is not closed' }]);
    next.closedAt = patch.closed_at === null ? null : new Date(patch.closed_at);
  } else if (next.stage !== previous.stage) {
    next.closedAt = closed ? now : null;
  }
  if (patch.revenue !== undefined && patch.revenue !== null && next.stage !== WON_STAGE) {
    throw validationError(`revenue can only be set on a won lead (stage ${WON_STAGE})`, [{ path: 'revenue', message: 'lead is not won' }]);
  }
  if (patch.revenue !== undefined) next.revenue = patch.revenue;
  else if (next.stage !== WON_STAGE) next.revenue = null;
}

function applyCustom(values: Record<string, unknown>, next: LeadState, defs: CustomFieldDef[]) {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      errors.push({ path: `custom.${key}`, message: `unknown custom field "${key}"; define it first (POST /custom-fields)` });
      continue;
    }
    const r = checkCustomValue(def, value);
    if (!r.ok) errors.push({ path: `custom.${key}`, message: r.message });
    else if (r.value === null) delete next.custom[key];
    else next.custom[key] = r.value;
  }
  if (errors.length) throw validationError(`${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

/** Tags: cleaned, empty ones dropped, duplicates (ignoring case and accents) removed, first spelling kept. */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const v = cleanOrNull(t);
    if (!v) continue;
    const k = foldText(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

function buildSearchText(s: LeadState): string {
  // Substring filters on every field here count from search_text, which must therefore hold each
  // whole, never cut (search-text-prefilter.ts), including a first or last name the full name
  // does not hold (one given apart: "Bob Smith", first name "Robert").
  const joined = joinName(s.firstName, s.lastName);
  const others = [s.email, s.company, s.companyDomain, s.title, s.city];
  if (s.fullName === null || s.fullName === joined) return foldText([joined, ...others].filter(Boolean).join(' '));
  const name = foldText(s.fullName);
  const apart = [s.firstName, s.lastName].map((n) => (n ? foldText(n) : '')).filter((n) => n && !name.includes(n));
  return [name, ...apart, foldText(others.filter(Boolean).join(' '))].filter(Boolean).join(' ');
}

function diffFields(previous: LeadState, next: LeadState) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of LEAD_FIELDS) {
    const col = FIELD_COLUMN[f];
    if (!sameValue(previous[col], next[col])) changes[f] = { from: previous[col] ?? null, to: next[col] ?? null };
  }
  const keys = new Set([...Object.keys(previous.custom), ...Object.keys(next.custom)]);
  for (const k of keys) {
    const from: CustomValue | null = previous.custom[k] ?? null;
    const to: CustomValue | null = next.custom[k] ?? null;
    if (from !== to) changes[`custom.${k}`] = { from, to };
  }
  return changes;
}

/** The keys of diffFields(previous, next), in the same order, without building the pairs. */
export function changedFields(previous: LeadState, next: LeadState): string[] {
  const fields: string[] = [];
  for (const f of LEAD_FIELDS) {
    const col = FIELD_COLUMN[f];
    if (!sameValue(previous[col], next[col])) fields.push(f);
  }
  const keys = new Set([...Object.keys(previous.custom), ...Object.keys(next.custom)]);
  for (const k of keys) if ((previous.custom[k] ?? null) !== (next.custom[k] ?? null)) fields.push(`custom.${k}`);
  return fields;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}
