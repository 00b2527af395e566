import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tsz, updatedAt } from '../../core/columns.js';
import { users } from '../auth/index.js';
import { lists } from '../lists/index.js';
import { workspaces } from '../workspaces/index.js';
import type { CustomFieldType, CustomValue } from './custom-values.js';
import type { Stage } from './fields.js';
import type { PhoneType } from './normalize-phone.js';
import type { ProvenanceMap } from './provenance.js';

/** Byte-order text: sort keys compare the same on every server, whatever its default collation. */
const textC = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});
const money = (name: string) => numeric(name, { precision: 20, scale: 2, mode: 'number' });
const live = sql`deleted_at is null`;

/**
 * "Has a phone" (the has_phone filter): a phone or a mobile phone that is not flagged invalid.
 * One text for the filter and the partial indexes that count it, so that the two stay the same.
 */
export const hasPhoneSql = (table = '') =>
  `((${table}phone is not null and ${table}issues -> 'phone' is null) or (${table}mobile_phone is not null and ${table}issues -> 'mobile_phone' is null))`;

/**
 * Text fields whose eq / in counts an index serves (docs/DECISIONS.md, "Counts of segmentation
 * fields"): `(workspace_id, lower(f), f) WHERE deleted_at IS NULL`; `lower(f)` is what the filter
 * compiles to (compile-lead-filter.ts). `f` itself rides along because PostgreSQL plans an
 * index-only scan only when the index holds the column, not just an expression of it: without it
 * every match was a heap visit (~340 ms for 250,000 matches at 1M leads). A key column rather
 * than INCLUDE (which Drizzle does not emit), which also keeps btree deduplication: the entries
 * are mostly repeats. Each index costs every import and write (~3 % of a bare COPY each, measured).
 * `company` too, for its substring counts ("company contains bank"): the most asked of those, and
 * its index stays small (leads share companies); email and names do not repeat, their index
 * would be as large as a third of the table and read no faster (measured, DECISIONS.md §4).
 */
export const COUNT_INDEXED_FIELDS = ['city', 'state', 'country', 'title', 'industry', 'seniority', 'department', 'lead_source', 'company'] as const;
const countIndex = (field: (typeof COUNT_INDEXED_FIELDS)[number], workspaceId: AnyPgColumn, column: AnyPgColumn) =>
  index(`leads_${field}_count_idx`).on(workspaceId, sql`lower(${column})`, column).where(live);

/**
 * The lead: canonical fields as columns (COPY-friendly: scalars, text[] and jsonb only), custom
 * values in `custom`, per-field provenance in `provenance` (grouped by write, see provenance.ts), input problems in `issues`.
 * Matching columns (email_normalized, company_normalized, company_domain, linkedin_url, phone)
 * and sort keys are written by the normalizers on every write. Btree indexes are ascending
 * (Drizzle's .desc() emits NULLS LAST, which cannot serve ORDER BY … DESC).
 */
export const leads = pgTable(
  'leads',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Lower-cased when valid; as given when flagged in `issues`. */
    email: text('email'),
    /** Uniqueness key: set only for valid addresses. */
    emailNormalized: text('email_normalized'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    fullName: text('full_name'),
    title: text('title'),
    seniority: text('seniority'),
    department: text('department'),
    company: text('company'),
    /** Folded, legal suffixes removed: "Acme, Inc." → "acme". */
    companyNormalized: text('company_normalized'),
    companyDomain: text('company_domain'),
    website: text('website'),
    /** E.164 when valid; as given when flagged. */
    phone: text('phone'),
    phoneType: text('phone_type').$type<PhoneType>(),
    phoneCountry: text('phone_country'),
    phoneExt: text('phone_ext'),
    mobilePhone: text('mobile_phone'),
    mobilePhoneType: text('mobile_phone_type').$type<PhoneType>(),
    mobilePhoneCountry: text('mobile_phone_country'),
    mobilePhoneExt: text('mobile_phone_ext'),
    linkedinUrl: text('linkedin_url'),
    twitterUrl: text('twitter_url'),
    city: text('city'),
    state: text('state'),
    country: text('country'),
    /** ISO 3166-1 alpha-2 of `country`; default region of the phones. */
    countryCode: text('country_code'),
    industry: text('industry'),
    employeeCount: integer('employee_count'),
    annualRevenue: money('annual_revenue'),
    leadSource: text('lead_source'),
    stage: text('stage').$type<Stage>().notNull().default('new'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    dealValue: money('deal_value'),
    closedAt: tsz('closed_at'),
    revenue: money('revenue'),
    custom: jsonb('custom').$type<Record<string, CustomValue>>().notNull().default({}),
    provenance: jsonb('provenance').$type<ProvenanceMap>().notNull().default({}),
    /** field → why its value is flagged (invalid email, phone, URL, unknown country). */
    issues: jsonb('issues').$type<Record<string, string>>().notNull().default({}),
    /** Last verifier answer for `email` (valid | invalid | risky | unknown); null = never verified. Written by the verify domain. */
    emailStatus: text('email_status').$type<'valid' | 'invalid' | 'risky' | 'unknown'>(),
    /** The verifier's reason (accepted, mailbox_not_found, catch_all…, see docs/VERIFY.md). */
    emailStatusReason: text('email_status_reason'),
    emailVerifiedAt: tsz('email_verified_at'),
    /** Folded names, email, company, domain, title: the trigram search column. */
    searchText: text('search_text').notNull().default(''),
    sortLastName: textC('sort_last_name').notNull().default('2'),
    sortCompany: textC('sort_company').notNull().default('2'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tsz('deleted_at'),
    deletedBy: uuid('deleted_by'),
  },
  (t) => [
    uniqueIndex('leads_email_idx').on(t.workspaceId, t.emailNormalized).where(sql`deleted_at is null and email_normalized is not null`),
    index('leads_created_idx').on(t.workspaceId, t.createdAt, t.id).where(live),
    index('leads_updated_idx').on(t.workspaceId, t.updatedAt, t.id).where(live),
    // tags rides along so that a tag filter sorted by name (and a tag count) is an index-only scan, no heap visit per row.
    index('leads_last_name_idx').on(t.workspaceId, t.sortLastName, t.id, t.tags).where(live),
    index('leads_company_sort_idx').on(t.workspaceId, t.sortCompany, t.id).where(live),
    index('leads_deleted_idx').on(t.workspaceId, t.deletedAt).where(sql`deleted_at is not null`),
    // Live rows only: a count of a stage or an owner is then an index-only scan (no heap visit for deleted_at).
    index('leads_stage_idx').on(t.workspaceId, t.stage).where(live),
    index('leads_owner_idx').on(t.workspaceId, t.ownerId).where(live),
    index('leads_company_idx').on(t.workspaceId, t.companyNormalized),
    // Quick search of 1–2 characters: email prefix (LIKE 'ab%') as an index range whatever the collation.
    index('leads_email_prefix_idx').on(t.workspaceId, t.emailNormalized.op('text_pattern_ops')).where(live),
    // The finder learns a domain's address pattern from the workspace's addresses at that domain.
    index('leads_email_domain_idx').on(t.workspaceId, sql`split_part(${t.emailNormalized}, '@', 2)`).where(live),
    index('leads_domain_idx').on(t.workspaceId, t.companyDomain),
    index('leads_linkedin_idx').on(t.workspaceId, t.linkedinUrl),
    index('leads_phone_idx').on(t.workspaceId, t.phone),
    index('leads_tags_idx').using('gin', t.tags),
    // Tagged live leads only: a count of a tag reads these instead of every lead (tag filters add `tags <> '{}'`, compile-lead-filter.ts).
    index('leads_tagged_idx').on(t.workspaceId, t.tags).where(sql`deleted_at is null and tags <> '{}'::text[]`),
    index('leads_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    // Counts of the segmentation fields (eq / in, ignoring case): index-only scans of the matching
    // entries instead of reading every lead of the workspace (city = paris at 1M leads: ~700 → ~13 ms).
    countIndex('city', t.workspaceId, t.city),
    countIndex('state', t.workspaceId, t.state),
    countIndex('country', t.workspaceId, t.country),
    countIndex('title', t.workspaceId, t.title),
    countIndex('industry', t.workspaceId, t.industry),
    countIndex('seniority', t.workspaceId, t.seniority),
    countIndex('department', t.workspaceId, t.department),
    countIndex('lead_source', t.workspaceId, t.leadSource),
    countIndex('company', t.workspaceId, t.company),
    // Counts of the reachability filters the prospecting screens use most (email status, has /
    // hasn't an email or a phone): index-only scans of tiny keys. The partial ones split the
    // leads in two, so together they cost one entry per lead; their predicates are written as the
    // filters compile them (compile-lead-filter.ts, lead-query.ts), which is what lets
    // PostgreSQL use them (test/leads/count-indexes.test.ts checks the plans).
    index('leads_email_status_count_idx').on(t.workspaceId, t.emailStatus).where(live),
    index('leads_with_email_idx').on(t.workspaceId, t.emailStatus).where(sql`deleted_at is null and email_normalized is not null`),
    index('leads_without_email_idx').on(t.workspaceId).where(sql`deleted_at is null and email_normalized is null`),
    index('leads_with_phone_idx').on(t.workspaceId).where(sql`deleted_at is null and ${sql.raw(hasPhoneSql())}`),
    index('leads_without_phone_idx').on(t.workspaceId).where(sql`deleted_at is null and not ${sql.raw(hasPhoneSql())}`),
  ],
);

/**
 * Where values come from: one row per distinct source (manual edits by a user, API key, import
 * N, finder, verifier, provider X…). Provenance maps on leads refer to these ids, which keeps
 * the per-lead map small at 1M rows.
 */
export const leadSources = pgTable(
  'lead_sources',
  {
    id: serial('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ref: text('ref').notNull().default(''),
    label: text('label'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lead_sources_kind_ref_idx').on(t.workspaceId, t.kind, t.ref)],
);

/** The lead's timeline: created, imported, fields changed, stage changed, verified, merged, exported… */
export const leadActivities = pgTable(
  'lead_activities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorType: text('actor_type').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    sourceId: integer('source_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('lead_activities_lead_idx').on(t.workspaceId, t.leadId, t.id)],
);

/** Notes written by members on a lead. */
export const leadNotes = pgTable(
  'lead_notes',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorApiKeyId: uuid('author_api_key_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('lead_notes_lead_idx').on(t.workspaceId, t.leadId, t.createdAt, t.id)],
);

/** Typed custom fields of a workspace; values live in leads.custom under `key`. */
export const customFields = pgTable(
  'custom_fields',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<CustomFieldType>().notNull(),
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('custom_fields_key_idx').on(t.workspaceId, t.key)],
);

/** Lead ↔ list membership. A lead may be in several lists; soft-deleted leads keep theirs for restore. */
export const leadListItems = pgTable(
  'lead_list_items',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    addedBy: uuid('added_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.leadId] }), index('lead_list_items_lead_idx').on(t.leadId)],
);

/** The part of a lead query a saved view keeps: search text, filter tree, list. */
export interface SavedViewQuery {
  q?: string;
  filter?: unknown;
  list_id?: string;
}

/**
 * Saved views: a named filter + columns + sort. Private to their creator unless shared with the
 * workspace; a view id is accepted wherever a filter is (listing, counts, bulk actions, export),
 * which makes views dynamic segments.
 */
export const leadViews = pgTable(
  'lead_views',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: jsonb('query').$type<SavedViewQuery>().notNull().default({}),
    columns: text('columns').array().notNull().default(sql`'{}'::text[]`),
    sort: text('sort'),
    order: text('order').$type<'asc' | 'desc'>(),
    shared: boolean('shared').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('lead_views_name_idx').on(t.workspaceId, t.createdBy, sql`lower(${t.name})`)],
);

export type LeadRow = typeof leads.$inferSelect;
export type LeadViewRow = typeof leadViews.$inferSelect;
export type LeadInsert = typeof leads.$inferInsert;

/**
 * What a merge moved, so that it can be undone: the merged-away leads as they were (rows with
 * provenance), which notes, activity entries and list memberships went to the survivor, and
 * the survivor's columns before the merge.
 */
export interface MergeSnapshot {
  mergedLeads: Record<string, unknown>[];
  /** Notes and timeline entries moved to the survivor, with the lead each came from. */
  notes: { id: string; leadId: string }[];
  activities: { id: number; leadId: string }[];
  /** list ids of each merged lead. */
  memberships: { leadId: string; listId: string }[];
  /** Lists the survivor joined through the merge (it was not in them before). */
  addedListIds: string[];
  /** Survivor columns (by LeadRow key) the merge changed, with their old values. */
  survivorBefore: Record<string, unknown>;
}

/** Merges of duplicate leads into one survivor; undoable while the survivor is unchanged since. */
export const leadMerges = pgTable(
  'lead_merges',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    survivorId: uuid('survivor_id').notNull(),
    mergedLeadIds: uuid('merged_lead_ids').array().notNull(),
    snapshot: jsonb('snapshot').$type<MergeSnapshot>().notNull(),
    /** The survivor's updated_at right after the merge: a later edit makes the undo a conflict. */
    survivorUpdatedAt: tsz('survivor_updated_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    createdAt: createdAt(),
    undoneAt: tsz('undone_at'),
  },
  (t) => [index('lead_merges_survivor_idx').on(t.workspaceId, t.survivorId), index('lead_merges_created_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * Tombstones of erased people (GDPR): a keyed hash (HMAC-SHA256, key derived from
 * LEADFORGE_SECRET) of each identifier they had — normalized email, canonical LinkedIn URL —
 * so imports and enrichment can refuse to bring them back without keeping who they were.
 */
export const erasedPeople = pgTable(
  'erased_people',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    /** Groups the hashes of one erasure (one person). */
    erasureId: uuid('erasure_id').notNull(),
    erasedBy: uuid('erased_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.keyHash] }), index('erased_people_erasure_idx').on(t.workspaceId, t.erasureId)],
);
