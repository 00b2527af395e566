import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { validationError } from '../../core/errors.js';
import type { CustomFieldDef } from './custom-values.js';
import { LEAD_SORTS } from './fields.js';
import type { LeadCursor } from './lead-cursor.js';
import { resolveFilterField, unknownFieldMessage } from './lead-filter-fields.js';
import { leads } from './leads.tables.js';

export type SortOrder = 'asc' | 'desc';

/** How a page is ordered and how a cursor resumes it. */
export interface LeadSortPlan {
  sort: string;
  order: SortOrder;
  orderBy: SQL[];
  /** The last row's sort value as text (null for an empty value), carried in the cursor. */
  cursorValue: SQL<string | null>;
  after(cursor: LeadCursor): SQL;
}

const micros = (column: AnyPgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The four indexed sorts: non-null keys, each served by an ascending (workspace_id, key, id)
 * index in both directions with a single row comparison.
 */
const INDEXED = {
  created_at: { expr: leads.createdAt, text: micros(leads.createdAt), cast: 'timestamptz' },
  updated_at: { expr: leads.updatedAt, text: micros(leads.updatedAt), cast: 'timestamptz' },
  last_name: { expr: leads.sortLastName, text: sql<string>`${leads.sortLastName}`, cast: null },
  company: { expr: leads.sortCompany, text: sql<string>`${leads.sortCompany}`, cast: null },
} as const;

const isIndexed = (sort: string): sort is keyof typeof INDEXED => (LEAD_SORTS as readonly string[]).includes(sort);

/** Default direction: newest first for times, A→Z otherwise. */
export const defaultOrder = (sort: string): SortOrder => (/_at$/.test(sort) ? 'desc' : 'asc');

/**
 * Resolves `sort` to an order and a keyset condition. Any sortable field works, custom fields
 * included; fields other than the four indexed ones may be empty, so the order is
 * `value ASC NULLS LAST, id` (and its exact reverse), and the resume condition spells out the
 * empty values instead of a row comparison (which NULL would break).
 */
export function leadSortPlan(sort: string, order: SortOrder, customFields: readonly CustomFieldDef[]): LeadSortPlan {
  const dir = order === 'asc' ? asc : desc;
  if (isIndexed(sort)) {
    const { expr, text, cast } = INDEXED[sort];
    const value = (v: string) => (cast ? sql`${v}::timestamptz` : sql`${v}`);
    return {
      sort,
      order,
      orderBy: [dir(expr), dir(leads.id)],
      cursorValue: text,
      after: (c) => (order === 'asc' ? sql`(${expr}, ${leads.id}) > (${value(c.value ?? '')}, ${c.id}::uuid)` : sql`(${expr}, ${leads.id}) < (${value(c.value ?? '')}, ${c.id}::uuid)`),
    };
  }
  const field = resolveFilterField(sort, customFields);
  if (!field) throw validationError(`sort: ${unknownFieldMessage(sort)}`, [{ path: 'sort', message: 'unknown field' }]);
  if (!field.sortable || !field.expr) throw validationError(`sort: ${sort} cannot be sorted on`, [{ path: 'sort', message: 'not sortable' }]);
  const expr = sql`${field.expr}`;
  const cast = { number: 'numeric', timestamp: 'timestamptz', boolean: 'boolean', uuid: 'uuid' }[field.kind as string];
  const value = (v: string) => (cast ? sql`${v}::${sql.raw(cast)}` : sql`${v}::text`);
  return {
    sort,
    order,
    orderBy: order === 'asc' ? [sql`${expr} asc nulls last`, asc(leads.id)] : [sql`${expr} desc nulls first`, desc(leads.id)],
    cursorValue: field.kind === 'timestamp' ? micros(field.expr as AnyPgColumn) : sql<string | null>`(${expr})::text`,
    after: (c) => {
      if (c.value === null) {
        return order === 'asc' ? sql`(${expr} is null and ${leads.id} > ${c.id}::uuid)` : sql`((${expr} is null and ${leads.id} < ${c.id}::uuid) or ${expr} is not null)`;
      }
      const v = value(c.value);
      return order === 'asc'
        ? sql`(${expr} > ${v} or (${expr} = ${v} and ${leads.id} > ${c.id}::uuid) or ${expr} is null)`
        : sql`(${expr} < ${v} or (${expr} = ${v} and ${leads.id} < ${c.id}::uuid))`;
    },
  };
}
