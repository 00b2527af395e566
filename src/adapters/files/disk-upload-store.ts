import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, notFound } from '../../core/errors.js';
import type { StoredUpload, UploadStore } from '../../domains/imports/index.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Uploads under `<dataDir>/uploads/<workspace>/<id>` (the file) and `<id>.json` (its name and
 * size), streamed to disk with a byte limit; a refused or broken upload leaves nothing behind.
 */
export function diskUploadStore(dataDir: string, maxBytes: number): UploadStore {
  const dirOf = (workspaceId: string) => join(dataDir, 'uploads', workspaceId);
  return {
    async save(workspaceId, fileName, content) {
      const uploadId = randomUUID();
      const dir = dirOf(workspaceId);
      await mkdir(dir, { recursive: true });
      const path = join(dir, uploadId);
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes) done(new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit`));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(content, limit, createWriteStream(path));
        const truncated = (content as { truncated?: boolean }).truncated;
        if (truncated) throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than the ${formatBytes(maxBytes)} limit`);
        const upload: StoredUpload = { uploadId, fileName: cleanName(fileName), bytes, path };
        await writeFile(`${path}.json`, JSON.stringify({ fileName: upload.fileName, bytes }));
        return upload;
      } catch (e) {
        await rm(path, { force: true });
        throw e;
      }
    },
    async get(workspaceId, uploadId) {
      if (!ID.test(uploadId)) throw notFound('Upload');
      const path = join(dirOf(workspaceId), uploadId);
      try {
        const meta = JSON.parse(await readFile(`${path}.json`, 'utf8')) as { fileName: string; bytes: number };
        await stat(path);
        return { uploadId, fileName: meta.fileName, bytes: meta.bytes, path };
      } catch {
        throw notFound('Upload');
      }
    },
    async remove(workspaceId, uploadId) {
      if (!ID.test(uploadId)) return;
      const path = join(dirOf(workspaceId), uploadId);
      await rm(path, { force: true });
      await rm(`${path}.json`, { force: true });
    },
    async *list() {
      const root = join(dataDir, 'uploads');
      const workspaceIds = await readdir(root).catch(() => [] as string[]);
      for (const workspaceId of workspaceIds.filter((w) => ID.test(w))) {
        const names = await readdir(dirOf(workspaceId)).catch(() => [] as string[]);
        // A file without its .json (a save cut short) counts as an upload too, so it is swept.
        const ids = new Set(names.map((n) => n.replace(/\.json$/, '')).filter((n) => ID.test(n)));
        for (const uploadId of ids) {
          const path = join(dirOf(workspaceId), uploadId);
          const info = (await stat(path).catch(() => null)) ?? (await stat(`${path}.json`).catch(() => null));
          if (info) yield { workspaceId, uploadId, path, modifiedAt: info.mtime };
        }
      }
    },
  };
}

const cleanName = (name: string) => [...(name.split(/[\\/]/).pop() ?? "")].filter((ch) => ch.charCodeAt(0) >= 0x20).join("").slice(0, 255) || "upload";

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  return `${+(n / 1024).toFixed(1)} kB`;
}
