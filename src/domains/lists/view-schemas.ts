import { z } from 'zod';

/** Response contracts of the lists API (OpenAPI at /docs); they mirror list-view.ts and folder-view.ts. */
export const listViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  folderId: z.string().nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(['workspace', 'private']),
  memberIds: z.array(z.string()),
  createdBy: z.string().nullable(),
  leadCount: z.number(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const folderViewSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), updatedAt: z.string() });
