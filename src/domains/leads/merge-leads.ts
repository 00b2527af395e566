import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { isUniqueViolation, notFound, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { LEAD_FIELDS } from './fields.js';
import { getLead } from './get-lead.js';
import { duplicateEmail, stateOf } from './lead-store.js';
import { ensureLeadSource } from './lead-sources.js';
import type { LeadDetailView } from './lead-view.js';
import { leadActivities, leadListItems, leadMerges, leadNotes, leads, type LeadInsert, type LeadRow } from './leads.tables.js';
import { planMerge } from './merge-plan.js';
import { FIELD_COLUMN, normalizeLead, sameValue } from './normalize-lead.js';
import { provenanceEntries, stampProvenance, type ProvenanceMap } from './provenance.js';
import { recordLeadActivity } from './record-lead-activity.js';
import { recountListLeads } from './recount-list-leads.js';

export const mergeLeadsSchema = z.strictObject({
  survivorId: z.uuid(),
  mergedIds: z.array(z.uuid()).min(1, 'name at least one lead to merge').max(9, 'at most 9 leads per merge'),
  /** field (canonical name or custom.<key>) → id of the lead whose value wins. */
  fields: z.record(z.string().max(80), z.uuid()).optional(),
});
export type MergeLeadsInput = z.input<typeof mergeLeadsSchema>;

export interface MergeResult {
  mergeId: string;
  lead: LeadDetailView;
}

/**
 * Merges duplicates into one survivor: per field, the chosen lead's value wins (see
 * planMerge); the survivor takes the notes, timeline, list memberships, custom values and the
 * provenance of the values it takes; the merged-away leads are removed and kept as a snapshot
 * in `lead_merges`, so `undoMerge` can bring them back.
 */
export async function mergeLeads(ctx: Ctx, input: MergeLeadsInput): Promise<MergeResult> {
  const q = parseInput(mergeLeadsSchema, input);
  const workspaceId = requireWorkspaceId(ctx);
  const ids = [q.survivorId, ...q.mergedIds];
  if (new Set(ids).size !== ids.length) throw validationError('A lead appears twice in the merge', [{ path: 'mergedIds', message: 'duplicate id' }]);
  checkChoices(q.fields ?? {}, ids);
  try {
    return await withTransaction(ctx, async (tx) => {
      const rows = await tx.db
        .select()
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids), isNull(leads.deletedAt)))
        .orderBy(asc(leads.id))
        .for('update');
      if (rows.length !== ids.length) throw notFound('Lead');
      const byId = new Map(rows.map((r) => [r.id, r]));
      const survivor = byId.get(q.survivorId)!;
      const others = q.mergedIds.map((id) => byId.get(id)!);
      const now = tx.clock.now();

      const plan = planMerge(survivor, others, q.fields ?? {});
      const previous = stateOf(survivor);
      const { state } = normalizeLead(plan.patch, previous, { customFields: [], now });
      state.custom = plan.custom;
      const mergeSourceId = await ensureLeadSource(tx, { kind: 'merge', ref: '' });
      const set: Record<string, unknown> = {};
      const survivorBefore: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(state)) {
        const before = (previous as Record<string, unknown>)[k];
        if (!sameValue(before, v) || (k === 'custom' && JSON.stringify(before) !== JSON.stringify(v))) {
          set[k] = v;
          survivorBefore[k] = before;
        }
      }
      survivorBefore.provenance = survivor.provenance;
      set.provenance = mergeProvenance(survivor, byId, plan.origin, Object.keys(set), mergeSourceId, now);

      // Move what belongs to the merged leads, then remove them (their email frees up for the survivor).
      const otherIds = q.mergedIds;
      const notesWhere = and(eq(leadNotes.workspaceId, workspaceId), inArray(leadNotes.leadId, otherIds));
      const notes = await tx.db.select({ id: leadNotes.id, leadId: leadNotes.leadId }).from(leadNotes).where(notesWhere);
      await tx.db.update(leadNotes).set({ leadId: survivor.id }).where(notesWhere);
      const activitiesWhere = and(eq(leadActivities.workspaceId, workspaceId), inArray(leadActivities.leadId, otherIds));
      const activities = await tx.db.select({ id: leadActivities.id, leadId: leadActivities.leadId }).from(leadActivities).where(activitiesWhere);
      await tx.db.update(leadActivities).set({ leadId: survivor.id }).where(activitiesWhere);
      const memberships = await tx.db
        .select({ leadId: leadListItems.leadId, listId: leadListItems.listId })
        .from(leadListItems)
        .where(and(eq(leadListItems.workspaceId, workspaceId), inArray(leadListItems.leadId, otherIds)));
      const added = await queryRows<{ list_id: string }>(
        tx.db,
        sql`insert into lead_list_items (list_id, lead_id, workspace_id, added_by)
            select distinct i.list_id, ${survivor.id}::uuid, ${workspaceId}::uuid, ${tx.actor.userId ?? null}::uuid
              from lead_list_items i where i.workspace_id = ${workspaceId}::uuid and i.lead_id in ${sql`(${sql.join(otherIds.map((id) => sql`${id}::uuid`), sql`, `)})`}
            on conflict do nothing
            returning list_id`,
      );
      await tx.db.delete(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, otherIds)));
      await tx.db.update(leads).set({ ...(set as Partial<LeadInsert>), updatedAt: now }).where(eq(leads.id, survivor.id));

      const [merge] = await tx.db
        .insert(leadMerges)
        .values({
          workspaceId,
          survivorId: survivor.id,
          mergedLeadIds: otherIds,
          snapshot: {
            mergedLeads: others as unknown as Record<string, unknown>[],
            notes,
            activities,
            memberships,
            addedListIds: added.map((a) => a.list_id),
            survivorBefore,
          },
          survivorUpdatedAt: now,
          actorType: tx.actor.type,
          actorUserId: tx.actor.userId ?? null,
          actorApiKeyId: tx.actor.apiKeyId ?? null,
        })
        .returning({ id: leadMerges.id });
      await recordLeadActivity(tx, [
        { leadId: survivor.id, type: 'merged', sourceId: mergeSourceId, data: { mergeId: merge!.id, mergedLeadIds: otherIds, fields: fieldsChanged(set) } },
      ]);
      const listIds = [...new Set(memberships.map((m) => m.listId))];
      if (listIds.length) await recountListLeads(tx, listIds);
      await recordAudit(tx, { action: 'lead.merged', targetType: 'lead', targetId: survivor.id, metadata: { mergeId: merge!.id, mergedLeadIds: otherIds } });
      return { mergeId: merge!.id, lead: await getLead(tx, survivor.id) };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'leads_email_idx')) throw duplicateEmail('this address');
    throw e;
  }
}

function checkChoices(choices: Record<string, string>, ids: string[]) {
  const fields = new Set<string>(LEAD_FIELDS);
  for (const [field, leadId] of Object.entries(choices)) {
    if (!fields.has(field) && !/^custom\.[a-z][a-z0-9_]{0,62}$/.test(field)) {
      throw validationError(`fields.${field}: not a lead field`, [{ path: `fields.${field}`, message: 'unknown field' }]);
    }
    if (!ids.includes(leadId)) {
      throw validationError(`fields.${field}: the winning lead must be one of the merged leads`, [{ path: `fields.${field}`, message: 'not in the merge' }]);
    }
  }
}

const COLUMN_FIELD: Record<string, string> = Object.fromEntries(Object.entries(FIELD_COLUMN).map(([field, column]) => [column, field]));

/** Canonical names of the fields a column set changes (derived columns left out). */
function fieldsChanged(set: Record<string, unknown>): string[] {
  return Object.keys(set).filter((k) => COLUMN_FIELD[k]).map((k) => COLUMN_FIELD[k]!);
}

/**
 * The survivor's provenance after the merge: a value taken from another lead keeps the source
 * and time it had there; a value derived by the merge itself (a joined full name…) is stamped
 * with the `merge` source; custom values follow the same rule.
 */
function mergeProvenance(
  survivor: LeadRow,
  byId: Map<string, LeadRow>,
  origin: Map<string, string>,
  changedColumns: string[],
  mergeSourceId: number,
  now: Date,
): ProvenanceMap {
  let map = survivor.provenance;
  const changed = fieldsChanged(Object.fromEntries(changedColumns.map((c) => [c, true])));
  const customKeys = new Set([...Object.keys(survivor.custom), ...[...origin.keys()].filter((k) => k.startsWith('custom.')).map((k) => k.slice(7))]);
  for (const key of customKeys) {
    if (origin.get(`custom.${key}`) && origin.get(`custom.${key}`) !== survivor.id) changed.push(`custom.${key}`);
  }
  for (const field of changed) {
    const from = origin.get(field);
    const entry = from && from !== survivor.id ? provenanceEntries(byId.get(from)!.provenance).find((e) => e.field === field) : undefined;
    map = entry ? stampProvenance(map, [field], entry.sourceId, entry.at) : stampProvenance(map, [field], mergeSourceId, now);
  }
  return map;
}
