import { asc } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { startJob } from '../jobs/index.js';
import { assertNotArchived, getVisibleList } from '../lists/index.js';
import { applyBulkAction } from './apply-bulk-action.js';
import { BULK_SYNC_LIMIT, bulkLeadsSchema, type BulkLeadsInput, type BulkLeadsResult } from './bulk-action-input.js';
import { LEADS_BULK_KIND } from './bulk-job-kind.js';
import { resolveLeadQuery } from './lead-query.js';
import { assertOwnerIsMember } from './lead-store.js';
import { leads } from './leads.tables.js';

/**
 * A bulk action on a selection (ids) or on everything matching a query. Up to BULK_SYNC_LIMIT
 * leads it runs at once in one transaction; beyond, it becomes a `leads.bulk` job (202 with the
 * job id: progress, pause, cancel through /jobs). Either way it is in the audit log, and each
 * changed lead's timeline says what changed and who did it.
 */
export async function bulkUpdateLeads(ctx: Ctx, input: BulkLeadsInput): Promise<BulkLeadsResult> {
  const body = parseInput(bulkLeadsSchema, input);
  const { action } = body;
  // Checked up front, so a job does not fail on its first chunk.
  if (action.type === 'add_to_list') assertNotArchived(await getVisibleList(ctx, action.list_id));
  if (action.type === 'remove_from_list') await getVisibleList(ctx, action.list_id);
  if (action.type === 'set_owner') await assertOwnerIsMember(ctx, action.owner_id);

  const match = body.match ? { ...body.match, ...(action.type === 'restore' ? { deleted: 'true' as const } : {}) } : undefined;
  const ids = body.ids ? [...new Set(body.ids)] : await firstMatching(ctx, match!, BULK_SYNC_LIMIT + 1);
  const audit = { action: 'leads.bulk', targetType: 'lead', metadata: { type: action.type, ...('list_id' in action && { listId: action.list_id }), ...('stage' in action && { stage: action.stage }) } };

  if (ids.length <= BULK_SYNC_LIMIT) {
    return withTransaction(ctx, async (tx) => {
      const { changed } = await applyBulkAction(tx, action, ids);
      await recordAudit(tx, { ...audit, metadata: { ...audit.metadata, matched: ids.length, changed } });
      return { mode: 'sync' as const, matched: ids.length, changed };
    });
  }
  const actor = { type: ctx.actor.type === 'anonymous' ? ('system' as const) : ctx.actor.type, userId: ctx.actor.userId, apiKeyId: ctx.actor.apiKeyId, role: ctx.actor.role };
  // Not inside a transaction of ours: startJob dispatches the chunks once its own transaction committed.
  const job = await startJob(ctx, { kind: LEADS_BULK_KIND, payload: { action, actor, ...(body.ids ? { ids } : { match }) } });
  await recordAudit(ctx, { ...audit, metadata: { ...audit.metadata, matched: job.total, jobId: job.id } });
  return { mode: 'job', matched: job.total, jobId: job.id };
}

/** The first `limit` ids matching (enough to tell a small selection from a large one). */
async function firstMatching(ctx: Ctx, match: NonNullable<BulkLeadsInput['match']>, limit: number): Promise<string[]> {
  const { where } = await resolveLeadQuery(ctx, match);
  const rows = await ctx.db.select({ id: leads.id }).from(leads).where(where).orderBy(asc(leads.id)).limit(limit);
  return rows.map((r) => r.id);
}

