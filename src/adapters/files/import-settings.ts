import { FILE_LIMITS } from '../../domains/imports/index.js';
import { validationError } from '../../core/errors.js';

/** LEADFORGE_IMPORT_MAX_BYTES: the upload size limit (default 1 GB). */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LEADFORGE_IMPORT_MAX_BYTES;
  if (!raw) return FILE_LIMITS.defaultMaxUploadBytes;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validationError('LEADFORGE_IMPORT_MAX_BYTES must be a positive whole number of bytes');
  return n;
}
