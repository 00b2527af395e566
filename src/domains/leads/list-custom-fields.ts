import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { toCustomFieldView, type CustomFieldView } from './custom-field-view.js';
import { customFields } from './leads.tables.js';

export async function listCustomFields(ctx: Ctx): Promise<CustomFieldView[]> {
  const rows = await ctx.db
    .select()
    .from(customFields)
    .where(eq(customFields.workspaceId, requireWorkspaceId(ctx)))
    .orderBy(asc(customFields.createdAt), asc(customFields.key));
  return rows.map(toCustomFieldView);
}
