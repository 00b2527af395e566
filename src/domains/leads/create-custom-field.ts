import { count, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, isUniqueViolation, validationError } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { assertCanChangeFields, createCustomFieldSchema, type CreateCustomFieldInput } from './custom-field-input.js';
import { toCustomFieldView, type CustomFieldView } from './custom-field-view.js';
import { LIMITS } from './fields.js';
import { customFields } from './leads.tables.js';

/** Defines a typed custom field (admins). Select fields need their options. */
export async function createCustomField(ctx: Ctx, input: CreateCustomFieldInput): Promise<CustomFieldView> {
  assertCanChangeFields(ctx);
  const data = parseInput(createCustomFieldSchema, input);
  const options = data.options ?? [];
  if (data.type === 'select' && options.length === 0) throw validationError('A select field needs at least one option', [{ path: 'options', message: 'required' }]);
  if (data.type !== 'select' && options.length > 0) throw validationError('Only select fields have options', [{ path: 'options', message: 'not allowed' }]);
  const workspaceId = requireWorkspaceId(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const [{ n } = { n: 0 }] = await tx.db.select({ n: count() }).from(customFields).where(eq(customFields.workspaceId, workspaceId));
      if (n >= LIMITS.customFields) throw validationError(`A workspace has at most ${LIMITS.customFields} custom fields`);
      const now = tx.clock.now();
      const [row] = await tx.db
        .insert(customFields)
        .values({ workspaceId, key: data.key, label: data.label, type: data.type, options, description: data.description ?? null, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, { action: 'custom_field.created', targetType: 'custom_field', targetId: row!.id, metadata: { key: data.key, type: data.type } });
      return toCustomFieldView(row!);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'custom_fields_key_idx')) throw conflict(`A custom field with the key "${data.key}" already exists`, [{ path: 'key', message: 'already used' }]);
    throw e;
  }
}
