import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { isUniqueViolation } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { assertNotErased } from './erased-people.js';
import { getLead } from './get-lead.js';
import { leadPatchSchema, type LeadPatch } from './lead-input.js';
import { assertEmailFree, assertOwnerIsMember, duplicateEmail, findLead, loadCustomFieldDefs, stateOf } from './lead-store.js';
import { ensureLeadSource, sourceForActor } from './lead-sources.js';
import type { LeadDetailView } from './lead-view.js';
import { leads, type LeadInsert } from './leads.tables.js';
import { normalizeLead, sameValue } from './normalize-lead.js';
import { stampProvenance, type SourceRef } from './provenance.js';
import { recordLeadActivity, type LeadActivityInput } from './record-lead-activity.js';

/**
 * Changes some fields of a lead (absent = unchanged, null = cleared). Only values that really
 * change are written, stamped with their source and recorded in the timeline; a stage change
 * gets its own entry. The row is locked for the read-modify-write, so concurrent edits of
 * different fields never lose each other.
 */
export async function updateLead(
  ctx: Ctx,
  input: { id: string; fields: LeadPatch },
  options: { source?: SourceRef; reAddErased?: boolean } = {},
): Promise<LeadDetailView> {
  const patch = parseInput(leadPatchSchema, input.fields);
  let emailKey: string | null = null;
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await findLead(tx, input.id, { lock: true });
      const now = tx.clock.now();
      const previous = stateOf(row);
      const customFields = patch.custom ? await loadCustomFieldDefs(tx) : [];
      const { state, changes } = normalizeLead(patch, previous, { customFields, now });
      const changed = Object.keys(changes);
      if (changed.length === 0) return getLead(tx, row.id);
      emailKey = state.emailNormalized;
      if (changes.owner_id) await assertOwnerIsMember(tx, state.ownerId);
      if (changes.email) await assertEmailFree(tx, state.emailNormalized, row.id);
      // A found or typed-in identifier of an erased person (GDPR) must not bring them back through another lead.
      if (changes.email || changes.linkedin_url) {
        await assertNotErased(
          tx,
          { email: changes.email ? state.email : null, linkedinUrl: changes.linkedin_url ? state.linkedinUrl : null },
          { reAddErased: options.reAddErased },
        );
      }

      const sourceId = await ensureLeadSource(tx, options.source ?? sourceForActor(tx.actor));
      const set: Partial<LeadInsert> = { updatedAt: now, provenance: stampProvenance(row.provenance, changed, sourceId, now) };
      for (const [k, v] of Object.entries(state) as [keyof typeof state, unknown][]) {
        if (!sameValue(previous[k], v)) (set as Record<string, unknown>)[k] = v;
      }
      await tx.db.update(leads).set(set).where(eq(leads.id, row.id));

      const { stage, ...fieldChanges } = changes;
      const entries: LeadActivityInput[] = [];
      if (stage) entries.push({ leadId: row.id, type: 'stage_changed', sourceId, data: stage });
      if (Object.keys(fieldChanges).length) entries.push({ leadId: row.id, type: 'fields_changed', sourceId, data: { changes: fieldChanges } });
      await recordLeadActivity(tx, entries);
      return getLead(tx, row.id);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'leads_email_idx')) throw duplicateEmail(emailKey ?? 'this address');
    throw e;
  }
}
