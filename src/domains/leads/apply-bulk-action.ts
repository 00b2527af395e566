import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { adjustLeadCounts, assertNotArchived, getVisibleList } from '../lists/index.js';
import type { BulkAction } from './bulk-action-input.js';
import { LIMITS, RESTORE_WINDOW_DAYS } from './fields.js';
import type { LeadPatch } from './lead-input.js';
import { ensureLeadSource, sourceForActor } from './lead-sources.js';
import { assertOwnerIsMember, stateOf } from './lead-store.js';
import { leadListItems, leads, type LeadRow } from './leads.tables.js';
import { addToLists } from './list-membership.js';
import { normalizeLead } from './normalize-lead.js';
import { foldText } from './normalize-text.js';
import { stampProvenance } from './provenance.js';
import { recordLeadActivity, type LeadActivityInput } from './record-lead-activity.js';

export interface BulkChunkResult {
  /** Leads the action changed. */
  changed: number;
  /** Leads it left alone: already so, gone, or over a limit (100 tags). */
  unchanged: number;
}

/**
 * Applies a bulk action to up to a few thousand leads of the context's workspace, inside the
 * caller's transaction (the sync path's, or a job chunk's). Leads are locked first (in id
 * order), lists second, like every single-lead verb, so bulk work and edits never deadlock.
 * Leads deleted (or restored) meanwhile are skipped, never an error: a job keeps going.
 */
export async function applyBulkAction(tx: Ctx, action: BulkAction, leadIds: string[]): Promise<BulkChunkResult> {
  const ids = [...new Set(leadIds)].sort();
  if (ids.length === 0) return { changed: 0, unchanged: 0 };
  const changed = await apply(tx, action, ids);
  return { changed, unchanged: ids.length - changed };
}

async function apply(tx: Ctx, action: BulkAction, ids: string[]): Promise<number> {
  const workspaceId = requireWorkspaceId(tx);
  const mine = and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids));
  switch (action.type) {
    case 'tag':
    case 'untag':
    case 'set_stage':
    case 'set_owner':
      return updateFields(tx, action, ids);
    case 'add_to_list': {
      const live = await tx.db.select({ id: leads.id }).from(leads).where(and(mine, isNull(leads.deletedAt))).orderBy(leads.id).for('share');
      const list = await getVisibleList(tx, action.list_id, { lock: true });
      assertNotArchived(list);
      if (live.length === 0) return 0;
      return (await addToLists(tx, [list], live.map((l) => l.id))).get(list.id)!.length;
    }
    case 'remove_from_list': {
      const locked = await tx.db.select({ id: leads.id, deletedAt: leads.deletedAt }).from(leads).where(mine).orderBy(leads.id).for('share');
      const list = await getVisibleList(tx, action.list_id, { lock: true });
      const removed = await tx.db
        .delete(leadListItems)
        .where(and(eq(leadListItems.listId, list.id), inArray(leadListItems.leadId, locked.map((l) => l.id))))
        .returning({ leadId: leadListItems.leadId });
      // Deleted leads already left the count when they were deleted.
      const live = removed.filter((r) => !locked.find((l) => l.id === r.leadId)?.deletedAt).length;
      await adjustLeadCounts(tx, new Map([[list.id, -live]]));
      await recordLeadActivity(tx, removed.map((r) => ({ leadId: r.leadId, type: 'list_removed' as const, data: { listId: list.id } })));
      return removed.length;
    }
    case 'delete': {
      const deleted = await tx.db
        .update(leads)
        .set({ deletedAt: tx.clock.now(), deletedBy: tx.actor.userId ?? null })
        .where(and(mine, isNull(leads.deletedAt)))
        .returning({ id: leads.id });
      await shiftListCounts(tx, deleted.map((d) => d.id), -1);
      await recordLeadActivity(tx, deleted.map((d) => ({ leadId: d.id, type: 'deleted' as const })));
      return deleted.length;
    }
    case 'restore':
      return restore(tx, ids);
  }
}

/** Tag, untag, stage, owner: the same normalization, provenance and timeline as a single edit. */
async function updateFields(tx: Ctx, action: Extract<BulkAction, { type: 'tag' | 'untag' | 'set_stage' | 'set_owner' }>, ids: string[]): Promise<number> {
  if (action.type === 'set_owner') await assertOwnerIsMember(tx, action.owner_id);
  const rows = await tx.db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(tx)), inArray(leads.id, ids), isNull(leads.deletedAt)))
    .orderBy(leads.id)
    .for('update');
  const now = tx.clock.now();
  const sourceId = await ensureLeadSource(tx, sourceForActor(tx.actor));
  const updates: Record<string, unknown>[] = [];
  const entries: LeadActivityInput[] = [];
  for (const row of rows) {
    const patch = patchFor(action, row);
    if (!patch) continue;
    const { state, changes } = normalizeLead(patch, stateOf(row), { customFields: [], now });
    const fields = Object.keys(changes);
    if (fields.length === 0) continue;
    updates.push({
      id: row.id,
      tags: state.tags,
      stage: state.stage,
      closed_at: state.closedAt?.toISOString() ?? null,
      revenue: state.revenue,
      owner_id: state.ownerId,
      provenance: stampProvenance(row.provenance, fields, sourceId, now),
    });
    const { stage, ...others } = changes;
    if (stage) entries.push({ leadId: row.id, type: 'stage_changed', sourceId, data: stage });
    if (Object.keys(others).length) entries.push({ leadId: row.id, type: 'fields_changed', sourceId, data: { changes: others } });
  }
  if (updates.length === 0) return 0;
  // One statement for the chunk: the new values travel as one JSON document (no bind-parameter limit).
  await tx.db.execute(sql`
    update leads l set tags = v.tags, stage = v.stage, closed_at = v.closed_at, revenue = v.revenue, owner_id = v.owner_id,
           provenance = v.provenance, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
         as v(id uuid, tags text[], stage text, closed_at timestamptz, revenue numeric, owner_id uuid, provenance jsonb)
    where l.id = v.id and l.workspace_id = ${requireWorkspaceId(tx)}::uuid`);
  await recordLeadActivity(tx, entries);
  return updates.length;
}

function patchFor(action: Extract<BulkAction, { type: 'tag' | 'untag' | 'set_stage' | 'set_owner' }>, row: LeadRow): LeadPatch | null {
  switch (action.type) {
    case 'tag': {
      const tags = [...row.tags, ...action.tags];
      // Over the tag limit: left alone rather than truncated (the timeline would lie otherwise).
      return new Set(tags.map(foldText)).size > LIMITS.tags ? null : { tags };
    }
    case 'untag': {
      const drop = new Set(action.tags.map(foldText));
      return { tags: row.tags.filter((t) => !drop.has(foldText(t))) };
    }
    case 'set_stage':
      return { stage: action.stage };
    case 'set_owner':
      return { owner_id: action.owner_id };
  }
}

/** Restores deleted leads still in the window whose email no live lead took meanwhile (one per email). */
async function restore(tx: Ctx, ids: string[]): Promise<number> {
  const workspaceId = requireWorkspaceId(tx);
  const since = new Date(tx.clock.now().getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
  const candidates = await tx.db
    .select({ id: leads.id, email: leads.emailNormalized })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids), isNotNull(leads.deletedAt), gt(leads.deletedAt, since)))
    .orderBy(leads.id)
    .for('update');
  const emails = candidates.map((c) => c.email).filter((e): e is string => !!e);
  const taken = new Set(
    emails.length === 0
      ? []
      : (
          await tx.db
            .select({ email: leads.emailNormalized })
            .from(leads)
            .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.emailNormalized, emails), isNull(leads.deletedAt)))
        ).map((r) => r.email),
  );
  const restorable = candidates.filter((c) => {
    if (!c.email) return true;
    if (taken.has(c.email)) return false;
    taken.add(c.email);
    return true;
  });
  if (restorable.length === 0) return 0;
  const restored = restorable.map((c) => c.id);
  await tx.db.update(leads).set({ deletedAt: null, deletedBy: null }).where(inArray(leads.id, restored));
  await shiftListCounts(tx, restored, 1);
  await recordLeadActivity(tx, restored.map((id) => ({ leadId: id, type: 'restored' as const })));
  return restored.length;
}

/** Moves the lead counts of every list these leads are in (delete: -1 each, restore: +1 each). */
async function shiftListCounts(tx: Ctx, leadIds: string[], sign: 1 | -1) {
  if (leadIds.length === 0) return;
  const rows = await tx.db
    .select({ listId: leadListItems.listId, n: sql<number>`count(*)::int` })
    .from(leadListItems)
    .where(and(eq(leadListItems.workspaceId, requireWorkspaceId(tx)), inArray(leadListItems.leadId, leadIds)))
    .groupBy(leadListItems.listId);
  await adjustLeadCounts(tx, new Map(rows.map((r) => [r.listId, sign * Number(r.n)])));
}
