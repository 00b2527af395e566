import { z } from 'zod';
import type { ExportScope } from './exports.tables.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
/** A selection is sent with the request; past this size, export a list or a filter instead. */
export const MAX_SELECTION = 10_000;

export const startExportSchema = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS).default('csv'),
    /** Column names in order: canonical fields, id, created_at…, custom.<key>. Default: canonical + custom. */
    columns: z.array(z.string().max(80)).max(300).optional(),
    listId: z.uuid().optional(),
    leadIds: z.array(z.uuid()).min(1).max(MAX_SELECTION, `at most ${MAX_SELECTION} leads in a selection: export a list or a filter instead`).optional(),
    /** A filter tree of the leads search ({field, op, value}, {and: []}…; docs/LEADS.md). */
    filter: z.record(z.string(), z.unknown()).optional(),
    /** Everything matching a leads query: the search API's parameters (q, filter, view_id, stage, tag…). */
    query: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => [v.listId, v.leadIds, v.filter, v.query].filter((x) => x !== undefined).length <= 1, {
    message: 'give one of listId, leadIds, filter or query (none: every lead)',
  });
export type StartExportInput = z.input<typeof startExportSchema>;

/** The stored scope: a filter is kept as the lead query `{ filter }`. */
export function scopeOf(q: z.output<typeof startExportSchema>): ExportScope {
  if (q.listId) return { listId: q.listId };
  if (q.leadIds) return { leadIds: q.leadIds };
  if (q.query) return { filter: q.query };
  if (q.filter) return { filter: { filter: q.filter } };
  return {};
}
