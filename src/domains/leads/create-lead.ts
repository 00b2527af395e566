import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { isUniqueViolation } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { assertNotArchived, getVisibleLists } from '../lists/index.js';
import { getLead } from './get-lead.js';
import { assertNotErased } from './erased-people.js';
import { createLeadSchema, type CreateLeadInput } from './lead-input.js';
import { ensureLeadSource, sourceForActor } from './lead-sources.js';
import { assertEmailFree, assertOwnerIsMember, duplicateEmail, loadCustomFieldDefs } from './lead-store.js';
import type { LeadDetailView } from './lead-view.js';
import { leads } from './leads.tables.js';
import { addToLists } from './list-membership.js';
import { prepareLeadRow } from './prepare-lead-row.js';
import type { SourceRef } from './provenance.js';
import { recordLeadActivity } from './record-lead-activity.js';

/**
 * Creates one lead: normalized, provenance stamped with its source (the actor by default),
 * optionally added to lists. A live lead with the same normalized email is a 409 naming it; so
 * is a person erased from the workspace (GDPR), unless `reAddErased` says it is on purpose.
 */
export async function createLead(
  ctx: Ctx,
  input: CreateLeadInput,
  options: { source?: SourceRef; reAddErased?: boolean } = {},
): Promise<LeadDetailView> {
  const { list_ids: listIds = [], ...patch } = parseInput(createLeadSchema, input);
  const workspaceId = requireWorkspaceId(ctx);
  const source = options.source ?? sourceForActor(ctx.actor);
  let emailKey: string | null = null;
  try {
    return await withTransaction(ctx, async (tx) => {
      const customFields = patch.custom ? await loadCustomFieldDefs(tx) : [];
      // Inside the transaction: a refused lead rolls the new source row back with it.
      const sourceId = await ensureLeadSource(tx, source);
      const { row, fields } = prepareLeadRow(patch, { workspaceId, sourceId, now: tx.clock.now(), customFields });
      emailKey = row.emailNormalized ?? null;
      await assertNotErased(tx, { email: row.email, linkedinUrl: row.linkedinUrl }, { reAddErased: options.reAddErased });
      await assertOwnerIsMember(tx, row.ownerId);
      const targetLists = await getVisibleLists(tx, listIds);
      targetLists.forEach(assertNotArchived);
      await assertEmailFree(tx, emailKey);
      const [inserted] = await tx.db.insert(leads).values(row).returning({ id: leads.id });
      const leadId = inserted!.id;
      await recordLeadActivity(tx, [{ leadId, type: source.kind === 'import' ? 'imported' : 'created', sourceId, data: { fields } }]);
      if (targetLists.length) await addToLists(tx, targetLists, [leadId]);
      return getLead(tx, leadId);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'leads_email_idx')) throw duplicateEmail(emailKey ?? 'this address');
    throw e;
  }
}
