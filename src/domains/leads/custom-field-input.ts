import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { assertRole } from '../../core/roles.js';
import { CUSTOM_FIELD_TYPES } from './custom-values.js';
import { LIMITS } from './fields.js';

const options = z
  .array(z.string().trim().min(1, 'an option cannot be empty').max(100, 'an option is at most 100 characters'))
  .max(LIMITS.selectOptions, `at most ${LIMITS.selectOptions} options`)
  .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, 'options must be unique');

export const createCustomFieldSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, 'key must start with a letter and use only a-z, 0-9 and _ (at most 63 characters)'),
  label: z.string().trim().min(1, 'label is required').max(100, 'label is at most 100 characters'),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: options.optional(),
  description: z.string().max(500, 'description is at most 500 characters').nullable().optional(),
});
export type CreateCustomFieldInput = z.input<typeof createCustomFieldSchema>;

/** Key and type are fixed once values exist; label, description and select options may change. */
export const updateCustomFieldSchema = z.strictObject(
  {
    label: createCustomFieldSchema.shape.label.optional(),
    options: options.optional(),
    description: createCustomFieldSchema.shape.description,
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `Cannot change ${(iss as { keys: string[] }).keys.join(', ')} of a custom field (only label, options, description)` : undefined,
  },
);
export type UpdateCustomFieldInput = z.input<typeof updateCustomFieldSchema>;

/** The field schema is the admins' (the system acts freely). */
export function assertCanChangeFields(ctx: Ctx) {
  if (ctx.actor.type !== 'system') assertRole(ctx.actor.role, 'admin', 'change custom fields');
}
