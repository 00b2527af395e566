import { conflict, isUniqueViolation } from '../../core/errors.js';

/** Folder names are unique per workspace, ignoring case. */
export async function mapFolderNameConflict<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e, 'list_folders_name_idx')) throw conflict(`A folder named "${name}" already exists`, [{ path: 'name', message: 'already used' }]);
    throw e;
  }
}
