import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { isUniqueViolation, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { assertNotArchived, getVisibleLists } from '../lists/index.js';
import { addToLists } from './list-membership.js';
import { createLeadSchema, type CreateLeadInput } from './lead-input.js';
import { assertEmailFree, assertOwnerIsMember, duplicateEmail, loadCustomFieldDefs } from './lead-store.js';
import { getLead } from './get-lead.js';
import type { LeadDetailView } from './lead-view.js';
import { leads } from './leads.tables.js';
import { EMPTY_LEAD, normalizeLead } from './normalize-lead.js';
import { stampProvenance, type SourceRef } from './provenance.js';
import { ensureLeadSource, sourceForActor } from './lead-sources.js';
import { recordLeadActivity } from './record-lead-activity.js';

const IDENTIFYING = ['email', 'full_name', 'first_name', 'last_name', 'company', 'phone', 'mobile_phone', 'linkedin_url'] as const;

/**
 * Creates one lead: normalized, provenance stamped with its source (the actor by default),
 * optionally added to lists. A live lead with the same normalized email is a 409 naming it.
 */
export async function createLead(ctx: Ctx, input: CreateLeadInput, options: { source?: SourceRef } = {}): Promise<LeadDetailView> {
  const { list_ids: listIds = [], ...patch } = parseInput(createLeadSchema, input);
  if (!IDENTIFYING.some((f) => typeof patch[f] === 'string' && patch[f].trim() !== '')) {
    throw validationError(`A lead needs at least one of: ${IDENTIFYING.join(', ')}`);
  }
  const workspaceId = requireWorkspaceId(ctx);
  const source = options.source ?? sourceForActor(ctx.actor);
  let emailKey: string | null = null;
  try {
    return await withTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const customFields = patch.custom ? await loadCustomFieldDefs(tx) : [];
      const { state, changes } = normalizeLead(patch, EMPTY_LEAD, { customFields, now });
      emailKey = state.emailNormalized;
      await assertOwnerIsMember(tx, state.ownerId);
      const targetLists = await getVisibleLists(tx, listIds);
      targetLists.forEach(assertNotArchived);
      await assertEmailFree(tx, state.emailNormalized);
      const sourceId = await ensureLeadSource(tx, source);
      const [row] = await tx.db
        .insert(leads)
        .values({ ...state, workspaceId, provenance: stampProvenance({}, Object.keys(changes), sourceId, now), createdAt: now, updatedAt: now })
        .returning({ id: leads.id });
      await recordLeadActivity(tx, [
        { leadId: row!.id, type: source.kind === 'import' ? 'imported' : 'created', sourceId, data: { fields: Object.keys(changes) } },
      ]);
      if (targetLists.length) await addToLists(tx, targetLists, [row!.id]);
      return getLead(tx, row!.id);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'leads_email_idx')) throw duplicateEmail(emailKey ?? 'this address');
    throw e;
  }
}
