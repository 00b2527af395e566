import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { requireWorkspaceId } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { assertCanChangeFields } from './custom-field-input.js';
import { customFields, leads } from './leads.tables.js';

/**
 * Deletes a custom field and its values on every lead (admins; audited), so that a later field
 * with the same key starts empty. One statement: fine for today's sizes; at 1M leads this
 * belongs in a job (see docs/LEADS.md).
 */
export async function deleteCustomField(ctx: Ctx, id: string): Promise<{ leadsCleared: number }> {
  assertCanChangeFields(ctx);
  const workspaceId = requireWorkspaceId(ctx);
  return withTransaction(ctx, async (tx) => {
    const [field] = await tx.db
      .delete(customFields)
      .where(and(eq(customFields.id, id), eq(customFields.workspaceId, workspaceId)))
      .returning();
    if (!field) throw notFound('Custom field');
    const [cleared] = await queryRows<{ n: number }>(
      tx.db,
      sql`with cleared as (
            update ${leads}
               set custom = custom - ${field.key}::text,
                   provenance = (select coalesce(jsonb_object_agg(g.key, g.value - ${`custom.${field.key}`}::text), '{}'::jsonb)
                                   from jsonb_each(provenance) g
                                  where g.value - ${`custom.${field.key}`}::text <> '[]'::jsonb)
             where workspace_id = ${workspaceId} and jsonb_exists(custom, ${field.key}::text)
         returning 1)
          select count(*)::int as n from cleared`,
    );
    const leadsCleared = Number(cleared?.n ?? 0);
    await recordAudit(tx, { action: 'custom_field.deleted', targetType: 'custom_field', targetId: id, metadata: { key: field.key, leadsCleared } });
    return { leadsCleared };
  });
}
