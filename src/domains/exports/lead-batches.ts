import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { validationError } from '../../core/errors.js';
import { leadQuerySchema, resolveLeadQuery, withoutTableScan } from '../leads/index.js';
import { columnSql, csvCellsSql, csvLinesSql } from './export-columns.js';
import type { ExportScope } from './exports.tables.js';

/** Rows per query: big enough that a million rows take 200 round trips, small enough to stay a few MB. */
export const EXPORT_BATCH_ROWS = 5_000;

type Row = Record<string, unknown>;

/**
 * The live leads of a scope in keyset batches, each an indexed range read, so memory holds one
 * batch whatever the size of the export:
 * - a list: `lead_list_items` primary key (list_id, lead_id), in lead id order;
 * - a selection: the given ids, in the given order, 1,000 at a time;
 * - the whole workspace: `leads_created_idx` (workspace_id, created_at, id), oldest first.
 */
export async function* leadBatches(
  ctx: Ctx,
  scope: ExportScope,
  columns: string[],
  options: { batchRows?: number; csvLines?: boolean } = {},
): AsyncGenerator<{ ids: string[]; values: unknown[][] }> {
  const workspaceId = requireWorkspaceId(ctx);
  const batchRows = options.batchRows ?? EXPORT_BATCH_ROWS;
  // csvLines: one value per row, the finished CSV line, built around the page (see csvLinesSql).
  const select = options.csvLines ? csvCellsSql(columns) : sql.join(columns.map((c, i) => sql`${columnSql(c)} as ${sql.raw(`c${i}`)}`), sql`, `);
  const lines = (page: SQL, orderBy: string[]) => (options.csvLines ? csvLinesSql(page, columns.length, orderBy) : page);
  const width = options.csvLines ? 1 : columns.length;
  const toValues = (rows: Row[]) => ({ ids: rows.map((r) => String(r._id)), values: rows.map((r) => Array.from({ length: width }, (_, i) => r[`c${i}`])) });
  assertScopeSupported(scope);
  const matching = scope.filter !== undefined ? (await resolveLeadQuery(ctx, leadQuerySchema.parse(scope.filter))).where : undefined;
  if (scope.leadIds) {
    for (let i = 0; i < scope.leadIds.length; i += 1000) {
      const ids = scope.leadIds.slice(i, i + 1000);
      const rows = await queryRows<Row>(
        ctx.db,
        lines(
          sql`select ${select}, leads.id as _id, '' as _k, s.n as _n from unnest(${sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`}) with ordinality as s(id, n)
                join leads on leads.id = s.id
               where leads.workspace_id = ${workspaceId}::uuid and leads.deleted_at is null
               order by s.n`,
          ['_n'],
        ),
      );
      if (rows.length) yield toValues(rows);
    }
    return;
  }
  let after: { k: string; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await queryRows<Row>(
      ctx.db,
      scope.listId
        ? lines(listPage(workspaceId, scope.listId, select, after, batchRows), ['_id'])
        : lines(allPage(workspaceId, select, after, batchRows, matching), ['_t', '_id']),
    );
    if (rows.length === 0) return;
    yield toValues(rows);
    if (rows.length < batchRows) return;
    const last = rows[rows.length - 1]!;
    after = { k: String(last._k), id: String(last._id) };
  }
}

/**
 * A filter scope is a lead query (the search API's `filter` tree, `q`, `view_id`, `stage`…,
 * see docs/LEADS.md): checked here so a bad one is a 400 before anything is recorded. The trash
 * is not exportable.
 */
export function assertScopeSupported(scope: ExportScope) {
  if (scope.filter === undefined) return;
  const parsed = leadQuerySchema.safeParse(scope.filter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw validationError(`filter.${issue.path.join('.')}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: `filter.${i.path.join('.')}`, message: i.message })));
  }
  if (parsed.data.deleted === 'true') throw validationError('Deleted leads cannot be exported', [{ path: 'filter.deleted', message: 'not exportable' }]);
}

/**
 * Checks a scope for the caller before anything is recorded: a lead query is resolved with
 * their context, so unknown fields are a 400 and lists or views they cannot see a 404.
 */
export async function checkScope(ctx: Ctx, scope: ExportScope): Promise<void> {
  assertScopeSupported(scope);
  if (scope.filter !== undefined) await resolveLeadQuery(ctx, leadQuerySchema.parse(scope.filter));
}

function listPage(workspaceId: string, listId: string, select: SQL, after: { id: string } | null, limit: number): SQL {
  return sql`select ${select}, i.lead_id as _id, '' as _k
               from lead_list_items i join leads on leads.id = i.lead_id
              where i.list_id = ${listId}::uuid and i.workspace_id = ${workspaceId}::uuid and leads.workspace_id = ${workspaceId}::uuid
                and leads.deleted_at is null ${after ? sql`and i.lead_id > ${after.id}::uuid` : sql``}
              order by i.lead_id limit ${limit}`;
}

/** created_at is compared as text from the server: microseconds survive (a JS Date would round them). */
function allPage(workspaceId: string, select: SQL, after: { k: string; id: string } | null, limit: number, matching?: SQL): SQL {
  return sql`select ${select}, leads.id as _id, leads.created_at::text as _k, leads.created_at as _t
               from leads
              where leads.workspace_id = ${workspaceId}::uuid and leads.deleted_at is null ${matching ? sql`and ${matching}` : sql``}
                ${after ? sql`and (leads.created_at, leads.id) > (${after.k}::timestamptz, ${after.id}::uuid)` : sql``}
              order by leads.created_at, leads.id limit ${limit}`;
}

/** How many live leads a scope holds, counting no further than `cap + 1` (a bounded read). */
export async function countScopeUpTo(ctx: Ctx, scope: ExportScope, cap: number): Promise<number> {
  const workspaceId = requireWorkspaceId(ctx);
  if (scope.leadIds) return scope.leadIds.length;
  const matching = scope.filter !== undefined ? (await resolveLeadQuery(ctx, leadQuerySchema.parse(scope.filter))).where : undefined;
  const inner = scope.listId
    ? sql`select 1 from lead_list_items i join leads on leads.id = i.lead_id
           where i.list_id = ${scope.listId}::uuid and i.workspace_id = ${workspaceId}::uuid and leads.deleted_at is null limit ${cap + 1}`
    : sql`select 1 from leads where leads.workspace_id = ${workspaceId}::uuid and leads.deleted_at is null ${matching ? sql`and ${matching}` : sql``} limit ${cap + 1}`;
  const [row] = await withoutTableScan(ctx, (c) => queryRows<{ n: number }>(c.db, sql`select count(*)::int as n from (${inner}) s`));
  return row?.n ?? 0;
}
