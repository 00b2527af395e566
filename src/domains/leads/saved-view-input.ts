import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { resolveFilterField } from './lead-filter-fields.js';
import { resolveLeadQuery } from './lead-query.js';
import { defaultOrder, leadSortPlan } from './lead-sort.js';
import { loadCustomFieldDefs } from './lead-store.js';

/** What a saved view stores of a lead query: the quick search, the filter tree and a list. */
export const savedViewQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  filter: z.record(z.string(), z.unknown()).optional().describe('Filter tree, as accepted by GET /leads'),
  list_id: z.uuid().optional(),
});

const viewFields = {
  name: z.string().trim().min(1, 'name is required').max(100, 'name: at most 100 characters'),
  query: savedViewQuerySchema,
  /** The table's columns, in order: lead fields and custom.<key>. */
  columns: z.array(z.string().min(1).max(100)).max(100, 'at most 100 columns'),
  sort: z.string().min(1).max(100).nullable(),
  order: z.enum(['asc', 'desc']).nullable(),
  /** false: only its creator sees it; true: the whole workspace. */
  shared: z.boolean(),
};
export const createSavedViewSchema = z.strictObject({
  ...viewFields,
  query: viewFields.query.default({}),
  columns: viewFields.columns.default([]),
  sort: viewFields.sort.optional(),
  order: viewFields.order.optional(),
  shared: viewFields.shared.default(false),
});
export const updateSavedViewSchema = z.strictObject({
  name: viewFields.name.optional(),
  query: viewFields.query.optional(),
  columns: viewFields.columns.optional(),
  sort: viewFields.sort.optional(),
  order: viewFields.order.optional(),
  shared: viewFields.shared.optional(),
});
export type CreateSavedViewInput = z.input<typeof createSavedViewSchema>;
export type UpdateSavedViewInput = z.input<typeof updateSavedViewSchema>;

/** Columns a view may show besides the filterable fields. */
const EXTRA_COLUMNS = new Set(['id', 'lists', 'issues', 'email_status_reason', 'phone_ext', 'mobile_phone_country', 'mobile_phone_ext', 'deleted_at']);

/**
 * A view is checked when saved exactly as it will be used: its filter compiles against the
 * workspace's fields, its list is visible, its sort and columns exist (400 / 404 otherwise).
 */
export async function checkSavedView(
  ctx: Ctx,
  view: { query: z.output<typeof savedViewQuerySchema>; columns: string[]; sort: string | null; order: 'asc' | 'desc' | null },
): Promise<void> {
  await resolveLeadQuery(ctx, view.query);
  const needsCustom = [...view.columns, view.sort ?? ''].some((c) => c.startsWith('custom.'));
  const customFields = needsCustom ? await loadCustomFieldDefs(ctx) : [];
  if (view.sort) leadSortPlan(view.sort, view.order ?? defaultOrder(view.sort), customFields);
  view.columns.forEach((c, i) => {
    if (!EXTRA_COLUMNS.has(c) && !resolveFilterField(c, customFields)) {
      throw validationError(`columns.${i}: unknown column ${c}`, [{ path: `columns.${i}`, message: 'unknown column' }]);
    }
  });
}
