import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { listCustomFields } from '../leads/index.js';
import { getVisibleList } from '../lists/index.js';
import { resolveColumns } from './export-columns.js';
import { scopeOf, startExportSchema, type StartExportInput } from './export-input.js';
import { checkScope } from './lead-batches.js';
import { leadExports, type LeadExportRow } from './exports.tables.js';

/**
 * Checks an export request (columns, a list the caller can see) and records it: the
 * `lead_exports` row and an audit event naming who exported what, before any row is read.
 */
export async function prepareExport(ctx: Ctx, input: StartExportInput, status: 'queued' | 'running'): Promise<LeadExportRow> {
  const q = parseInput(startExportSchema, input);
  const workspaceId = requireWorkspaceId(ctx);
  const list = q.listId ? await getVisibleList(ctx, q.listId) : null;
  const customKeys = (await listCustomFields(ctx)).map((f) => f.key);
  const columns = resolveColumns(q.columns, customKeys);
  const scope = scopeOf(q);
  await checkScope(ctx, scope);
  const stamp = ctx.clock.now().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = list ? slug(list.name) || 'list' : q.leadIds ? 'selection' : 'leads';
  const [row] = await ctx.db
    .insert(leadExports)
    .values({
      workspaceId,
      format: q.format,
      columns,
      scope,
      status,
      fileName: `${base}-${stamp}.${q.format}`,
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId ?? null,
      actorApiKeyId: ctx.actor.apiKeyId ?? null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  await recordAudit(ctx, {
    action: 'leads.exported',
    targetType: 'export',
    targetId: row!.id,
    metadata: { format: q.format, columns: columns.length, listId: q.listId ?? null, selected: q.leadIds?.length ?? null, filter: scope.filter !== undefined },
  });
  return row!;
}

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, 60);
