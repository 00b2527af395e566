import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { notFound, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { assertCanChangeFields, updateCustomFieldSchema, type UpdateCustomFieldInput } from './custom-field-input.js';
import { toCustomFieldView, type CustomFieldView } from './custom-field-view.js';
import { customFields } from './leads.tables.js';

/**
 * Relabels a custom field or changes its select options. Values already stored are kept even
 * when their option is removed (nothing is lost); new writes must use a current option.
 */
export async function updateCustomField(ctx: Ctx, input: { id: string } & UpdateCustomFieldInput): Promise<CustomFieldView> {
  assertCanChangeFields(ctx);
  const { id, ...rest } = input;
  const data = parseInput(updateCustomFieldSchema, rest);
  const workspaceId = requireWorkspaceId(ctx);
  return withTransaction(ctx, async (tx) => {
    const where = and(eq(customFields.id, id), eq(customFields.workspaceId, workspaceId));
    const [field] = await tx.db.select().from(customFields).where(where).for('update');
    if (!field) throw notFound('Custom field');
    if (data.options !== undefined && field.type !== 'select') throw validationError('Only select fields have options', [{ path: 'options', message: 'not allowed' }]);
    if (data.options !== undefined && data.options.length === 0) throw validationError('A select field needs at least one option', [{ path: 'options', message: 'required' }]);
    const [row] = await tx.db
      .update(customFields)
      .set({
        ...(data.label !== undefined && { label: data.label }),
        ...(data.options !== undefined && { options: data.options }),
        ...(data.description !== undefined && { description: data.description }),
        updatedAt: tx.clock.now(),
      })
      .where(where)
      .returning();
    await recordAudit(tx, { action: 'custom_field.updated', targetType: 'custom_field', targetId: id, metadata: { key: field.key } });
    return toCustomFieldView(row!);
  });
}
