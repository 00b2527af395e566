// Public surface of the leads domain: other domains and adapters import only from here.
export * from './leads.tables.js';
export * from './fields.js';
export { CUSTOM_FIELD_TYPES, checkCustomValue, type CustomFieldDef, type CustomFieldType, type CustomValue } from './custom-values.js';
export { leadPatchSchema, createLeadSchema, leadFieldsShape, type LeadPatch, type CreateLeadInput } from './lead-input.js';
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
export { purgeDeletedLeads } from './purge-deleted-leads.js';
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
