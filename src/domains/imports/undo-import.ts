import { and, eq, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { conflict } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { isFinished, getJobProgress } from '../jobs/index.js';
import { leads, recountListLeads } from '../leads/index.js';
import { assertActorRole } from '../workspaces/index.js';
import { findImport } from './get-import.js';
import { importChanges, imports } from './imports.tables.js';

export interface UndoReport {
  /** Leads the import created, now removed. */
  removed: number;
  /** Leads the import changed, now back to their values before it. */
  restored: number;
  /** Leads changed by someone else since the import: left as they are. */
  keptChanged: { leadId: string; action: 'created' | 'updated' }[];
}

const DATE_COLUMNS = new Set(['closedAt']);

/**
 * Undoes a finished import: removes the leads it created and restores the fields it
 * overwrote. Leads edited since (by anyone) are reported and left alone, never clobbered.
 */
export async function undoImport(ctx: Ctx, importId: string): Promise<UndoReport> {
  assertActorRole(ctx, 'member', 'undo an import');
  const workspaceId = requireWorkspaceId(ctx);
  const imp = await findImport(ctx, importId);
  if (imp.undoneAt) throw conflict('This import was already undone');
  if (imp.jobId) {
    const job = await getJobProgress(ctx, { jobId: imp.jobId });
    if (!isFinished(job.status)) throw conflict('The import is still running: cancel it or wait until it ends, then undo it');
  }
  return withTransaction(ctx, async (tx) => {
    const [locked] = await tx.db.select({ undoneAt: imports.undoneAt }).from(imports).where(eq(imports.id, imp.id)).for('update');
    if (locked?.undoneAt) throw conflict('This import was already undone');
    const onlyVerified = await leadsOnlyVerifiedSince(tx, imp.id, imp.verifyJobId, imp.sourceId);
    const removed = await queryRows<{ id: string }>(
      tx.db,
      sql`delete from leads l using import_changes c
           where c.import_id = ${imp.id}::uuid and c.workspace_id = ${workspaceId}::uuid and c.action = 'created'
             and l.id = c.lead_id and l.workspace_id = ${workspaceId}::uuid
             and (l.updated_at = l.created_at or l.updated_at = (c.after->>'updatedAt')::timestamptz or l.id = any(${pgUuids(onlyVerified)}::uuid[]))
         returning l.id`,
    );
    const removedIds = new Set(removed.map((r) => r.id));
    const keptChanged: UndoReport['keptChanged'] = [];
    let restored = 0;
    const changes = await tx.db
      .select({ leadId: importChanges.leadId, action: importChanges.action, before: importChanges.before, after: importChanges.after, updatedAt: leads.updatedAt })
      .from(importChanges)
      .leftJoin(leads, and(eq(leads.id, importChanges.leadId), eq(leads.workspaceId, workspaceId)))
      .where(and(eq(importChanges.importId, imp.id), eq(importChanges.workspaceId, workspaceId)));
    for (const change of changes) {
      if (change.action === 'created') {
        if (!removedIds.has(change.leadId) && change.updatedAt) keptChanged.push({ leadId: change.leadId, action: 'created' });
        continue;
      }
      if (change.action !== 'updated') continue;
      const stamped = change.after?.updatedAt ? new Date(String(change.after.updatedAt)).getTime() : NaN;
      if (!change.updatedAt) continue; // deleted since: nothing to restore
      if (change.updatedAt.getTime() !== stamped && !onlyVerified.has(change.leadId)) {
        keptChanged.push({ leadId: change.leadId, action: 'updated' });
        continue;
      }
      const set: Record<string, unknown> = { updatedAt: tx.clock.now() };
      for (const [column, value] of Object.entries(change.before ?? {})) {
        set[column] = DATE_COLUMNS.has(column) && typeof value === 'string' ? new Date(value) : value;
      }
      await tx.db.update(leads).set(set).where(and(eq(leads.id, change.leadId), eq(leads.workspaceId, workspaceId)));
      restored++;
    }
    if (imp.listId) await recountListLeads(tx, [imp.listId]);
    await tx.db.update(imports).set({ undoneAt: tx.clock.now(), status: 'undone' }).where(eq(imports.id, imp.id));
    return { removed: removed.length, restored, keptChanged };
  });
}

/**
 * Leads of the import whose only writes since the import are the statuses of the import's own
 * verification (`verifyEmails`): their last write is that verification's and their timeline has
 * nothing else (but the import's own entries) after the import wrote them. Undo treats them as unchanged since the import.
 */
async function leadsOnlyVerifiedSince(tx: Ctx, importId: string, verifyJobId: string | null, sourceId: number | null): Promise<Set<string>> {
  if (!verifyJobId) return new Set();
  const workspaceId = requireWorkspaceId(tx);
  const rows = await queryRows<{ lead_id: string }>(
    tx.db,
    sql`select c.lead_id from import_changes c
          join leads l on l.id = c.lead_id and l.workspace_id = ${workspaceId}::uuid
         where c.import_id = ${importId}::uuid and c.workspace_id = ${workspaceId}::uuid and c.action in ('created', 'updated')
           and l.updated_at = l.email_verified_at
           and exists (select 1 from lead_activities a
                        where a.workspace_id = ${workspaceId}::uuid and a.lead_id = l.id and a.type = 'verified' and a.data->>'jobId' = ${verifyJobId}
                          and a.created_at >= l.updated_at)
           and not exists (select 1 from lead_activities a
                            where a.workspace_id = ${workspaceId}::uuid and a.lead_id = l.id
                              and a.created_at > coalesce((c.after->>'updatedAt')::timestamptz, l.created_at)
                              and a.source_id is distinct from ${sourceId}::int
                              and not (a.type = 'verified' and a.data->>'jobId' = ${verifyJobId}))`,
  );
  return new Set(rows.map((r) => r.lead_id));
}

const pgUuids = (ids: Set<string>) => `{${[...ids].join(',')}}`;
