import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { lists, visibleListsWhere } from '../lists/index.js';
import { findLead } from './lead-store.js';
import { loadSources } from './lead-sources.js';
import { leadActivities } from './leads.tables.js';
import type { SourceView } from './provenance.js';

export interface ActivityView {
  id: string;
  type: string;
  actor: { type: string; userId: string | null; apiKeyId: string | null };
  source: SourceView | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/**
 * The lead's timeline, newest first. List events of lists the caller cannot see are left
 * out, so a private list's existence never leaks through a lead it contains.
 */
export async function listLeadActivity(ctx: Ctx, input: { leadId: string; limit?: number; cursor?: string }) {
  const workspaceId = requireWorkspaceId(ctx);
  await findLead(ctx, input.leadId, { includeDeleted: true });
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  if (input.cursor !== undefined && !/^\d{1,18}$/.test(input.cursor)) throw validationError('Invalid cursor; start again without one');
  const rows = await ctx.db
    .select()
    .from(leadActivities)
    .where(
      and(
        eq(leadActivities.workspaceId, workspaceId),
        eq(leadActivities.leadId, input.leadId),
        input.cursor ? lt(leadActivities.id, Number(input.cursor)) : undefined,
      ),
    )
    .orderBy(desc(leadActivities.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const sources = await loadSources(ctx, [...new Set(page.map((r) => r.sourceId).filter((s): s is number => s !== null))]);
  const listIds = [...new Set(page.map((r) => r.data.listId).filter((v): v is string => typeof v === 'string'))];
  const visible = listIds.length
    ? new Map(
        (
          await ctx.db
            .select({ id: lists.id, name: lists.name })
            .from(lists)
            .where(and(inArray(lists.id, listIds), visibleListsWhere(ctx)))
        ).map((l) => [l.id, l.name]),
      )
    : new Map<string, string>();
  const items: ActivityView[] = page
    .filter((r) => typeof r.data.listId !== 'string' || visible.has(r.data.listId))
    .map((r) => ({
      id: String(r.id),
      type: r.type,
      actor: { type: r.actorType, userId: r.actorUserId, apiKeyId: r.actorApiKeyId },
      source: r.sourceId === null ? null : (sources.get(r.sourceId) ?? null),
      data: typeof r.data.listId === 'string' ? { ...r.data, listName: visible.get(r.data.listId) } : r.data,
      createdAt: r.createdAt.toISOString(),
    }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}
