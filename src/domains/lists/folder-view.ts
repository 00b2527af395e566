import type { listFolders } from './lists.tables.js';

export interface FolderView {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export const toFolderView = (row: typeof listFolders.$inferSelect): FolderView => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
