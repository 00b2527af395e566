import { validationError } from '../../core/errors.js';
import type { CustomFieldDef } from './custom-values.js';
import type { LeadPatch } from './lead-input.js';
import type { LeadInsert } from './leads.tables.js';
import { changedFields, EMPTY_LEAD, normalizeLeadState } from './normalize-lead.js';
import { stampProvenance } from './provenance.js';

const IDENTIFYING = ['email', 'full_name', 'first_name', 'last_name', 'company', 'phone', 'mobile_phone', 'linkedin_url'] as const;

export interface PreparedLeadRow {
  /** Every column of a new lead but its id: what an INSERT or a COPY line carries. */
  row: Omit<LeadInsert, 'id'>;
  /** Canonical names (and custom.<key>) of the fields the row sets. */
  fields: string[];
}

/**
 * A new lead's row from already-validated fields (leadPatchSchema): normalized, derived
 * columns filled, provenance stamped with `sourceId`. Pure, so the bulk import calls it per
 * row and writes with COPY; createLead calls it for one. Throws VALIDATION on rule violations.
 */
export function prepareLeadRow(
  patch: LeadPatch,
  options: { workspaceId: string; sourceId: number; now: Date; customFields: CustomFieldDef[] },
): PreparedLeadRow {
  if (!IDENTIFYING.some((f) => typeof patch[f] === 'string' && patch[f].trim() !== '')) {
    throw validationError(`A lead needs at least one of: ${IDENTIFYING.join(', ')}`);
  }
  const state = normalizeLeadState(patch, EMPTY_LEAD, { customFields: options.customFields, now: options.now });
  const fields = changedFields(EMPTY_LEAD, state);
  // The state is this call's own new object: completed in place (a copy of its ~45 columns per
  // row was a tenth of a bulk import's preparation).
  const row = Object.assign(state, {
    workspaceId: options.workspaceId,
    provenance: stampProvenance({}, fields, options.sourceId, options.now),
    createdAt: options.now,
    updatedAt: options.now,
  });
  return { row, fields };
}
