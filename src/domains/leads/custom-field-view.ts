import type { customFields } from './leads.tables.js';
import type { CustomFieldType } from './custom-values.js';

export interface CustomFieldView {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toCustomFieldView = (r: typeof customFields.$inferSelect): CustomFieldView => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options,
  description: r.description,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
