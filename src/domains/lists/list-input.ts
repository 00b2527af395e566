import { z } from 'zod';

export const listNameSchema = z.string().trim().min(1, 'List name is required').max(200, 'List name is at most 200 characters');
export const listTagsSchema = z
  .array(z.string().trim().min(1, 'a tag cannot be empty').max(100, 'a tag is at most 100 characters'))
  .max(50, 'at most 50 tags');

export const createListSchema = z.strictObject({
  name: listNameSchema,
  description: z.string().max(2000, 'description is at most 2000 characters').nullable().optional(),
  folderId: z.uuid().nullable().optional(),
  tags: listTagsSchema.optional(),
  visibility: z.enum(['workspace', 'private']).optional(),
  /** Allow-list of a private list (the creator is always on it). */
  memberIds: z.array(z.uuid()).max(500).optional(),
});
export type CreateListInput = z.input<typeof createListSchema>;

export const updateListSchema = createListSchema.partial();
export type UpdateListInput = z.input<typeof updateListSchema>;

export const folderNameSchema = z.string().trim().min(1, 'Folder name is required').max(100, 'Folder name is at most 100 characters');
