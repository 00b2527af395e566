import { and, arrayContains, eq, exists, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { getVisibleLists, visibleListsWhere } from '../lists/index.js';
import { compileLeadFilter, taggedSql } from './compile-lead-filter.js';
import type { CustomFieldDef } from './custom-values.js';
import { STAGES, type Stage } from './fields.js';
import { filterConditions, parseLeadFilter, type FilterNode } from './lead-filter.js';
import { fuzzyPossible, searchCondition } from './lead-search.js';
import { loadCustomFieldDefs } from './lead-store.js';
import { leadListItems, leads, type LeadViewRow } from './leads.tables.js';
import { getVisibleSavedView } from './saved-view-access.js';
import { withoutTableScan } from './workspace-scan.js';

const stageList = z
  .string()
  .max(200)
  .refine((s) => s.split(',').every((x) => (STAGES as readonly string[]).includes(x.trim())), `stage must be a comma-separated list of: ${STAGES.join(', ')}`);

/**
 * Which leads: the parameters shared by the listing, counts, bulk actions and exports. All of
 * them combine (AND): a saved view's filter, an extra `filter`, the quick search `q` and the
 * shortcut parameters.
 */
export const leadQueryShape = {
  /** Quick search: names, email, company, domain; typo-tolerant from 3 characters, prefix below. */
  q: z.string().max(200).optional(),
  /** A filter tree (see docs/LEADS.md), as an object or as JSON text in a query string. */
  filter: z
    .union([z.string().max(64_000), z.record(z.string(), z.unknown())])
    .optional()
    .describe('Filter tree: {field, op, value} conditions combined with {and: []}, {or: []}, {not: {}}'),
  /** A saved view: its search, filter and list apply (a dynamic segment). */
  view_id: z.uuid().optional(),
  list_id: z.uuid().optional(),
  stage: stageList.optional(),
  tag: z.string().min(1).max(100).optional(),
  /** true: leads with a valid email address (flagged invalid ones don't count). */
  has_email: z.enum(['true', 'false']).optional(),
  owner_id: z.uuid().optional(),
  /** true: the trash (soft-deleted leads, restorable for 30 days). */
  deleted: z.enum(['true', 'false']).optional(),
};
export const leadQuerySchema = z.strictObject(leadQueryShape);
export type LeadQuery = z.input<typeof leadQuerySchema>;

export interface ResolveOptions {
  /**
   * Whether the search matches close spellings: 'probe' (default) asks the workspace
   * (needsFuzzySearch); 'off' and 'on' are for a caller that already knows the answer
   * (listLeads: a page of plain matches proves the words are in the workspace; an empty one,
   * with nothing but the search narrowing it, proves they are not).
   */
  fuzzy?: 'probe' | 'off' | 'on';
}

export interface ResolvedLeadQuery {
  /** Every condition, the workspace scope first. */
  where: SQL;
  /** Whether a quick search is part of it (counts are then capped). */
  searching: boolean;
  /** Whether the search also matches close spellings (its words are nowhere in the workspace). */
  fuzzy: boolean;
  view: LeadViewRow | null;
  customFields: CustomFieldDef[];
}

/**
 * Turns a lead query into one SQL condition, scoped to the workspace. Lists named anywhere (the
 * list_id parameter, a view, filter conditions) must be visible to the caller (404 otherwise).
 */
export async function resolveLeadQuery(ctx: Ctx, q: z.output<typeof leadQuerySchema>, options: ResolveOptions = {}): Promise<ResolvedLeadQuery> {
  const workspaceId = requireWorkspaceId(ctx);
  const view = q.view_id ? await getVisibleSavedView(ctx, q.view_id) : null;
  const filters: FilterNode[] = [];
  if (view?.query.filter !== undefined) filters.push(parseLeadFilter(view.query.filter, 'view.filter'));
  if (q.filter !== undefined) filters.push(parseLeadFilter(q.filter));
  const listIds = [q.list_id, view?.query.list_id].filter((x): x is string => !!x);
  for (const c of filters.flatMap(filterConditions)) {
    if (c.field === 'list_id') for (const v of [c.value ?? []].flat()) if (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v)) listIds.push(v);
  }
  if (listIds.length) await getVisibleLists(ctx, listIds);

  const needsCustom = filters.some((f) => filterConditions(f).some((c) => c.field.startsWith('custom.')));
  const customFields = needsCustom ? await loadCustomFieldDefs(ctx) : [];
  const env = { customFields, userId: ctx.actor.userId, now: ctx.clock.now(), visibleLists: visibleListsWhere(ctx) };
  const searches = [q.q, view?.query.q].filter((s): s is string => !!s?.trim());
  const fuzzy =
    options.fuzzy === 'off' ? false : options.fuzzy === 'on' ? searches.some(fuzzyPossible) : await needsFuzzySearch(ctx, workspaceId, searches);

  const conditions: (SQL | undefined)[] = [
    eq(leads.workspaceId, workspaceId),
    q.deleted === 'true' ? isNotNull(leads.deletedAt) : isNull(leads.deletedAt),
    q.stage ? inArray(leads.stage, q.stage.split(',').map((s) => s.trim() as Stage)) : undefined,
    q.tag ? and(taggedSql(), arrayContains(leads.tags, [q.tag])) : undefined,
    q.has_email === 'true' ? isNotNull(leads.emailNormalized) : q.has_email === 'false' ? isNull(leads.emailNormalized) : undefined,
    q.owner_id ? eq(leads.ownerId, q.owner_id) : undefined,
    ...[...new Set([q.list_id, view?.query.list_id])].filter((x): x is string => !!x).map((listId) =>
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(leadListItems)
          .where(and(eq(leadListItems.listId, listId), eq(leadListItems.leadId, leads.id))),
      ),
    ),
    ...filters.map((f, i) => compileLeadFilter(f, env, i === 0 && view?.query.filter !== undefined ? 'view.filter' : 'filter')),
    ...searches.map((s) => searchCondition(s, { fuzzy })),
  ];
  return { where: and(...conditions)!, searching: searches.length > 0, fuzzy, view, customFields };
}

/**
 * Close spellings are searched only when the words as typed are nowhere in the workspace (a
 * typo): one bounded probe (LIMIT 1, trigram index) instead of a similarity test on every row
 * of every search. Decided from the search alone, so the listing, the count, bulk actions and
 * exports of one query agree.
 */
async function needsFuzzySearch(ctx: Ctx, workspaceId: string, searches: string[]): Promise<boolean> {
  if (!searches.some(fuzzyPossible)) return false;
  const found = await withoutTableScan(ctx, (c) =>
    queryRows(c.db, sql`select 1 from ${leads} where ${and(eq(leads.workspaceId, workspaceId), isNull(leads.deletedAt), ...searches.map((s) => searchCondition(s)))} limit 1`),
  );
  return found.length === 0;
}
