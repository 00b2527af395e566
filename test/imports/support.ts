import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { diskUploadStore } from '../../src/adapters/files/disk-upload-store.js';
import '../../src/adapters/files/register-import-kind.js';
import { tableFileReader } from '../../src/adapters/files/table-file-reader.js';
import type { ImportDeps } from '../../src/domains/imports/index.js';

/** Import dependencies on a temporary data dir. */
export function importDeps(maxBytes = 1024 ** 3): ImportDeps & { dataDir: string; cleanup(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-imports-'));
  return { reader: tableFileReader, uploads: diskUploadStore(dataDir, maxBytes), dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export const upload = (deps: ImportDeps, workspaceId: string, fileName: string, content: string | Buffer) =>
  deps.uploads.save(workspaceId, fileName, Readable.from([Buffer.from(content)]));

/** A CSV from a header and rows (cells quoted when needed). */
export const csv = (rows: (string | number)[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\n') + '\n';
