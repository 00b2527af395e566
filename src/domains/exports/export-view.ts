import { z } from 'zod';
import type { LeadExportRow } from './exports.tables.js';

export const exportViewSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  format: z.enum(['csv', 'xlsx', 'json']),
  columns: z.array(z.string()),
  scope: z.object({ kind: z.enum(['all', 'list', 'selection', 'filter']), listId: z.string().nullable(), selected: z.number().nullable() }),
  rowCount: z.number(),
  bytes: z.number().nullable(),
  fileName: z.string(),
  jobId: z.string().nullable(),
  error: z.string().nullable(),
  createdBy: z.object({ type: z.string(), userId: z.string().nullable(), apiKeyId: z.string().nullable() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof exportViewSchema>;
export const exportPageSchema = z.object({ items: z.array(exportViewSchema), nextCursor: z.string().nullable() });

export function toExportView(r: LeadExportRow): ExportView {
  const kind = r.scope.listId ? 'list' : r.scope.leadIds ? 'selection' : r.scope.filter !== undefined ? 'filter' : 'all';
  return {
    id: r.id,
    status: r.status,
    format: r.format,
    columns: r.columns,
    scope: { kind, listId: r.scope.listId ?? null, selected: r.scope.leadIds?.length ?? null },
    rowCount: r.rowCount,
    bytes: r.bytes,
    fileName: r.fileName,
    jobId: r.jobId,
    error: r.error,
    createdBy: { type: r.actorType, userId: r.actorUserId, apiKeyId: r.actorApiKeyId },
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
