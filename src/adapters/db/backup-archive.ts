import { gunzipSync } from 'node:zlib';
import { validationError } from '../../core/errors.js';

/**
 * A Leadforge embedded backup is PGlite's own dump format: a gzipped tar of the PostgreSQL data
 * directory. Checking the file before PGlite sees it turns "garbage in" into a clear message
 * instead of an obscure failure halfway through loading.
 */
export interface BackupInfo {
  /** PostgreSQL major version of the data directory (its PG_VERSION file). */
  postgresMajor: string;
  files: number;
}

const TAR_BLOCK = 512;
const HINT = 'a Leadforge backup is the .tar.gz written by `leadforge backup`';

export function inspectBackup(bytes: Uint8Array, name: string): BackupInfo {
  if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw validationError(`${name} is not a Leadforge backup: it is not gzip-compressed (${HINT}).`);
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes);
  } catch (e) {
    throw validationError(`${name} is corrupt or truncated: ${(e as Error).message}.`);
  }
  let postgresMajor: string | undefined;
  let files = 0;
  let offset = 0;
  while (offset + TAR_BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + TAR_BLOCK);
    if (header.every((b) => b === 0)) break;
    if (header.subarray(257, 262).toString('latin1') !== 'ustar') {
      throw validationError(`${name} is not a Leadforge backup: it does not contain a tar archive (${HINT}).`);
    }
    const entry = cString(header.subarray(0, 100));
    const size = parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const dataStart = offset + TAR_BLOCK;
    offset = dataStart + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
    if (!Number.isFinite(size) || offset > tar.length) throw validationError(`${name} is truncated (the archive ends inside ${entry}).`);
    files++;
    if (entry.replace(/^\.?\//, '') === 'PG_VERSION') postgresMajor = tar.subarray(dataStart, dataStart + size).toString('utf8').trim();
  }
  if (!postgresMajor) throw validationError(`${name} is not a Leadforge backup: it holds no PostgreSQL data directory (${HINT}).`);
  return { postgresMajor, files };
}

function cString(b: Buffer) {
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString('utf8');
}
