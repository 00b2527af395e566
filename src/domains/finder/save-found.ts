import { and, eq, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { addLeadsToList, createLead, filterErasedPeople, leads, updateLead, type SourceRef } from '../leads/index.js';
import type { PersonItemInput } from './people-of-list.js';
import type { FindResult } from './types.js';

/** What becomes of a found address when the job saves what it finds. */
export type SaveOutcome = 'saved_to_lead' | 'created_lead' | 'added_existing_lead' | 'lead_has_email' | 'email_taken' | 'erased_person';

export interface SaveTarget {
  jobId: string;
  /** File sources: found people become leads of this list. */
  listId?: string;
}

/**
 * Where a found address would go (read only): onto the lead it was found for while that lead
 * still has no email, or as a lead of the target list. An address another lead already has is
 * never written twice (one lead per address): that lead joins the list instead. The address of
 * a person erased from the workspace (GDPR tombstone) is never saved: the finder must not bring
 * them back.
 */
export async function planSave(ctx: Ctx, item: PersonItemInput, result: FindResult, target: SaveTarget): Promise<SaveOutcome | null> {
  if (!result.email) return null;
  const workspaceId = requireWorkspaceId(ctx);
  if (item.leadId || target.listId) {
    const { erased } = await filterErasedPeople(ctx, [result.email], (email) => ({ email }));
    if (erased.length > 0) return 'erased_person';
  }
  const [owner] = await ctx.db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.emailNormalized, result.email), isNull(leads.deletedAt)))
    .limit(1);
  if (item.leadId) {
    if (owner) return owner.id === item.leadId ? 'lead_has_email' : 'email_taken';
    const [lead] = await ctx.db
      .select({ email: leads.email })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, item.leadId), isNull(leads.deletedAt)))
      .limit(1);
    if (!lead) return null;
    return lead.email ? 'lead_has_email' : 'saved_to_lead';
  }
  if (!target.listId) return null;
  return owner ? 'added_existing_lead' : 'created_lead';
}

/**
 * Saves a found address with provenance "finder", inside the chunk's transaction. The plan is
 * made again there (someone may have changed the lead since), and a unique-index clash is
 * avoided by checking first, since a failed statement would abort the whole chunk.
 */
export async function applySave(ctx: Ctx, item: PersonItemInput, result: FindResult, target: SaveTarget): Promise<SaveOutcome | null> {
  const plan = await planSave(ctx, item, result, target);
  const source: SourceRef = { kind: 'finder', ref: target.jobId, label: 'Email finder' };
  const p = item.person;
  if (plan === 'saved_to_lead') await updateLead(ctx, { id: item.leadId!, fields: { email: result.email! } }, { source });
  if (plan === 'added_existing_lead') {
    const [owner] = await ctx.db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), eq(leads.emailNormalized, result.email!), isNull(leads.deletedAt)))
      .limit(1);
    await addLeadsToList(ctx, { listId: target.listId!, leadIds: [owner!.id] });
  }
  if (plan === 'created_lead') {
    await createLead(
      ctx,
      {
        email: result.email!,
        first_name: p.firstName ?? undefined,
        last_name: p.lastName ?? undefined,
        full_name: p.fullName ?? undefined,
        company: p.company ?? undefined,
        company_domain: result.domain ?? undefined,
        website: p.website ?? undefined,
        list_ids: [target.listId!],
      },
      { source },
    );
  }
  return plan;
}
