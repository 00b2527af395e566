// Public surface of the lists domain. Lead membership lives in the leads domain (which
// depends on this one): lists know nothing about lead rows beyond their count.
export * from './lists.tables.js';
export { listNameSchema, createListSchema, updateListSchema, type CreateListInput, type UpdateListInput } from './list-input.js';
export { type ListView, toListView, toListViews } from './list-view.js';
export { type FolderView } from './folder-view.js';
export {
  type ListRow,
  seesAllLists,
  visibleListsWhere,
  getVisibleList,
  getVisibleLists,
  assertNotArchived,
} from './list-access.js';
export { createList } from './create-list.js';
export { updateList } from './update-list.js';
export { archiveList } from './archive-list.js';
export { restoreList } from './restore-list.js';
export { deleteList } from './delete-list.js';
export { getList } from './get-list.js';
export { listLists, listListsSchema, type ListListsQuery } from './list-lists.js';
export { adjustLeadCounts, setLeadCounts } from './adjust-lead-counts.js';
export { createFolder } from './create-folder.js';
export { renameFolder } from './rename-folder.js';
export { deleteFolder } from './delete-folder.js';
export { listListFolders } from './list-folders.js';
export { listViewSchema, folderViewSchema } from './view-schemas.js';
