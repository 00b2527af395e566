import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, isUniqueViolation, notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { getLead } from './get-lead.js';
import type { LeadDetailView } from './lead-view.js';
import { leadActivities, leadListItems, leadMerges, leadNotes, leads, type LeadInsert, type MergeSnapshot } from './leads.tables.js';
import { recordLeadActivity } from './record-lead-activity.js';
import { recountListLeads } from './recount-list-leads.js';

const DATE_COLUMNS = new Set(Object.entries(getTableColumns(leads)).filter(([, c]) => c.dataType === 'date').map(([k]) => k));

/** Snapshot values come back from jsonb as JSON: timestamps turn into Dates again. */
function revive(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = DATE_COLUMNS.has(k) && typeof v === 'string' ? new Date(v) : v;
  return out;
}

/**
 * Undoes a merge: the merged-away leads come back with their ids, values, provenance, notes,
 * timeline and lists, and the survivor gets its values back. Refused (409) when the survivor
 * was changed or deleted since the merge, or a merged lead's email was taken meanwhile.
 */
export async function undoMerge(ctx: Ctx, mergeId: string): Promise<{ survivor: LeadDetailView; restoredLeadIds: string[] }> {
  const workspaceId = requireWorkspaceId(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const [merge] = await tx.db
        .select()
        .from(leadMerges)
        .where(and(eq(leadMerges.id, mergeId), eq(leadMerges.workspaceId, workspaceId)))
        .for('update');
      if (!merge) throw notFound('Merge');
      if (merge.undoneAt) throw conflict('This merge was already undone');
      const [survivor] = await tx.db
        .select({ updatedAt: leads.updatedAt, deletedAt: leads.deletedAt })
        .from(leads)
        .where(and(eq(leads.id, merge.survivorId), eq(leads.workspaceId, workspaceId)))
        .for('update');
      if (!survivor || survivor.deletedAt) throw conflict('The merged lead was deleted since the merge: restore it first');
      if (survivor.updatedAt.getTime() !== merge.survivorUpdatedAt.getTime()) {
        throw conflict('The merged lead was edited since the merge, so undoing it would lose those edits', { survivorId: merge.survivorId });
      }
      const snap = merge.snapshot;
      const now = tx.clock.now();
      await tx.db
        .update(leads)
        .set({ ...(revive(snap.survivorBefore) as Partial<LeadInsert>), updatedAt: now })
        .where(eq(leads.id, merge.survivorId));
      await tx.db.insert(leads).values(snap.mergedLeads.map((r) => revive(r) as LeadInsert));
      await moveBack(tx, merge.survivorId, snap);
      if (snap.addedListIds.length) {
        await tx.db
          .delete(leadListItems)
          .where(and(eq(leadListItems.leadId, merge.survivorId), inArray(leadListItems.listId, snap.addedListIds)));
      }
      // Lists deleted since are skipped.
      for (const m of snap.memberships) {
        await tx.db.execute(
          sql`insert into lead_list_items (list_id, lead_id, workspace_id)
              select id, ${m.leadId}::uuid, ${workspaceId}::uuid from lists where id = ${m.listId}::uuid and workspace_id = ${workspaceId}::uuid
              on conflict do nothing`,
        );
      }
      const listIds = [...new Set([...snap.memberships.map((m) => m.listId), ...snap.addedListIds])];
      if (listIds.length) await recountListLeads(tx, listIds);
      await tx.db.update(leadMerges).set({ undoneAt: now }).where(eq(leadMerges.id, merge.id));
      await recordLeadActivity(tx, [
        { leadId: merge.survivorId, type: 'merge_undone', data: { mergeId: merge.id, restoredLeadIds: merge.mergedLeadIds } },
      ]);
      await recordAudit(tx, { action: 'lead.merge_undone', targetType: 'lead', targetId: merge.survivorId, metadata: { mergeId: merge.id } });
      return { survivor: await getLead(tx, merge.survivorId), restoredLeadIds: merge.mergedLeadIds };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'leads_email_idx')) throw conflict('A merged lead cannot come back: another lead has taken its email since');
    throw e;
  }
}

/** Notes and timeline entries go back to the lead they were written on. */
async function moveBack(tx: Ctx, survivorId: string, snap: MergeSnapshot) {
  const workspaceId = requireWorkspaceId(tx);
  for (const leadId of new Set([...snap.notes, ...snap.activities].map((r) => r.leadId))) {
    const noteIds = snap.notes.filter((n) => n.leadId === leadId).map((n) => n.id);
    const activityIds = snap.activities.filter((a) => a.leadId === leadId).map((a) => a.id);
    if (noteIds.length) {
      await tx.db
        .update(leadNotes)
        .set({ leadId })
        .where(and(eq(leadNotes.workspaceId, workspaceId), eq(leadNotes.leadId, survivorId), inArray(leadNotes.id, noteIds)));
    }
    for (let i = 0; i < activityIds.length; i += 5000) {
      await tx.db
        .update(leadActivities)
        .set({ leadId })
        .where(and(eq(leadActivities.workspaceId, workspaceId), eq(leadActivities.leadId, survivorId), inArray(leadActivities.id, activityIds.slice(i, i + 5000))));
    }
  }
}
