// Public surface of the leads domain: other domains and adapters import only from here.
export * from './leads.tables.js';
export * from './fields.js';
export { CUSTOM_FIELD_TYPES, checkCustomValue, type CustomFieldDef, type CustomFieldType, type CustomValue } from './custom-values.js';
export { leadPatchSchema, createLeadSchema, leadFieldsShape, type LeadPatch, type CreateLeadInput } from './lead-input.js';
export { quickLeadPatch } from './quick-lead-patch.js';
export { type LeadView, type LeadDetailView, toLeadView } from './lead-view.js';
export { type NoteView } from './note-view.js';
export { type CustomFieldView } from './custom-field-view.js';
export { createCustomFieldSchema, updateCustomFieldSchema } from './custom-field-input.js';

// Pure normalizers: the bulk import path calls them per row (see docs/LEADS.md).
export { prepareLeadRow, type PreparedLeadRow } from './prepare-lead-row.js';
export { stateOf } from './lead-store.js';
export { normalizeLead, EMPTY_LEAD, FIELD_COLUMN, cleanTags, type LeadState, type NormalizedLead } from './normalize-lead.js';
export { normalizeEmail } from './normalize-email.js';
export { normalizePhone, type PhoneType } from './normalize-phone.js';
export { normalizeWebsite, normalizeDomain, normalizeTwitterUrl } from './normalize-url.js';
export { normalizeLinkedinUrl } from './normalize-linkedin.js';
export { splitFullName, joinName, tidyNamePart } from './normalize-name.js';
export { companyMatchKey, cleanCompanyName } from './normalize-company.js';
export { countryCode } from './normalize-country.js';
export { foldText, cleanText, sortKey } from './normalize-text.js';
export { stampProvenance, expandProvenance, SOURCE_KINDS, type SourceKind, type SourceRef, type ProvenanceMap } from './provenance.js';
export { ensureLeadSource, sourceForActor } from './lead-sources.js';
export { recordLeadActivity, LEAD_ACTIVITY_TYPES, type LeadActivityType, type LeadActivityInput } from './record-lead-activity.js';

// Use cases.
export { createLead } from './create-lead.js';
export { getLead } from './get-lead.js';
export { updateLead } from './update-lead.js';
export { deleteLead } from './delete-lead.js';
export { restoreLead } from './restore-lead.js';
export { listLeads, listLeadsSchema, type ListLeadsQuery, type LeadPage } from './list-leads.js';
// Search, filters, saved views, bulk actions (docs/LEADS.md). Exports and other domains select
// leads with resolveLeadQuery (a filter, a search, a saved view…) scoped to the workspace.
export { leadQueryShape, leadQuerySchema, resolveLeadQuery, type LeadQuery, type ResolvedLeadQuery } from './lead-query.js';
export { parseLeadFilter, FILTER_OPS, FILTER_LIMITS, type FilterNode, type FilterCondition, type FilterOp } from './lead-filter.js';
export { FILTER_FIELD_NAMES } from './lead-filter-fields.js';
export { countLeads, countLeadsSchema, SEARCH_COUNT_CAP, type LeadCount, type CountLeadsQuery } from './count-leads.js';
export { withoutTableScan } from './workspace-scan.js';
export { FUZZY_MIN_LENGTH } from './lead-search.js';
export { createSavedView } from './create-saved-view.js';
export { updateSavedView } from './update-saved-view.js';
export { deleteSavedView } from './delete-saved-view.js';
export { listSavedViews, getSavedView } from './list-saved-views.js';
export { createSavedViewSchema, updateSavedViewSchema, type CreateSavedViewInput, type UpdateSavedViewInput } from './saved-view-input.js';
export { savedViewSchema, type SavedView } from './saved-view-view.js';
export { bulkUpdateLeads } from './bulk-update-leads.js';
export { bulkLeadsSchema, bulkActionSchema, BULK_SYNC_LIMIT, BULK_MAX_IDS, type BulkAction, type BulkLeadsInput, type BulkLeadsResult } from './bulk-action-input.js';
export { applyBulkAction } from './apply-bulk-action.js';
export { leadsBulkKind, LEADS_BULK_KIND } from './bulk-job-kind.js';
export { purgeDeletedLeads, purgeExpiredDeletedLeads } from './purge-deleted-leads.js';
export { vacuumLeadsWhenNeeded } from './vacuum-leads.js';
export { addLeadNote, noteBodySchema } from './add-lead-note.js';
export { listLeadNotes } from './list-lead-notes.js';
export { listLeadActivity, type ActivityView } from './list-lead-activity.js';
export { addLeadsToList, leadIdsSchema } from './add-leads-to-list.js';
export { removeLeadsFromList } from './remove-leads-from-list.js';
export { recountListLeads } from './recount-list-leads.js';
export { listCustomFields } from './list-custom-fields.js';
export { createCustomField } from './create-custom-field.js';
export { updateCustomField } from './update-custom-field.js';
export { deleteCustomField } from './delete-custom-field.js';
export { leadViewSchema, leadDetailViewSchema, leadPageSchema, noteViewSchema, notePageSchema, activityViewSchema, activityPageSchema, customFieldViewSchema } from './view-schemas.js';

// Duplicates, merge and GDPR tombstones.
export { findDuplicates, findDuplicatesSchema, DUPLICATE_KEYS, type DuplicateKey, type DuplicateGroup, type FindDuplicatesQuery } from './find-duplicates.js';
export { mergeLeads, mergeLeadsSchema, type MergeLeadsInput, type MergeResult } from './merge-leads.js';
export { undoMerge } from './undo-merge.js';
export { filterErasedPeople, liftErasure, assertNotErased, personKeyHashes, type PersonKeys } from './erased-people.js';
