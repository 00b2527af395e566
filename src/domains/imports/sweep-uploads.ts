import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { jobs } from '../jobs/index.js';
import { imports } from './imports.tables.js';
import type { StoredUploadEntry, UploadStore } from './upload-store.js';

/** An upload nobody imported (or whose import stopped short) is kept this long, then removed. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;

const UNFINISHED = ['queued', 'running', 'paused'] as const;

/**
 * Removes uploaded files that are no longer needed (undo and the error report do not need them):
 * at once when their import completed; after UPLOAD_TTL_MS when they were never imported
 * (abandoned after the preview) or their import failed, was cancelled or ended partial (a
 * retry of the failed blocks still reads the file until then). A file an unfinished import
 * reads is never removed. For the scheduler: it walks every workspace's uploads, and each
 * workspace's imports are read scoped to it.
 */
export async function sweepUploads(ctx: Ctx, deps: { uploads: UploadStore }, options: { now?: Date; ttlMs?: number } = {}): Promise<{ removed: number; kept: number }> {
  const now = options.now ?? ctx.clock.now();
  const ttlMs = options.ttlMs ?? UPLOAD_TTL_MS;
  const byWorkspace = new Map<string, StoredUploadEntry[]>();
  for await (const entry of deps.uploads.list()) {
    const list = byWorkspace.get(entry.workspaceId) ?? [];
    list.push(entry);
    byWorkspace.set(entry.workspaceId, list);
  }
  let removed = 0;
  let kept = 0;
  for (const [workspaceId, entries] of byWorkspace) {
    const users = await ctx.db
      .select({ filePath: imports.filePath, status: jobs.status })
      .from(imports)
      .leftJoin(jobs, and(eq(jobs.id, imports.jobId), eq(jobs.workspaceId, workspaceId)))
      .where(and(eq(imports.workspaceId, workspaceId), inArray(imports.filePath, entries.map((e) => e.path))));
    const statuses = new Map<string, (string | null)[]>();
    for (const u of users) statuses.set(u.filePath, [...(statuses.get(u.filePath) ?? []), u.status]);
    for (const entry of entries) {
      const used = statuses.get(entry.path) ?? [];
      const running = used.some((s) => s === null || (UNFINISHED as readonly string[]).includes(s));
      const completed = used.length > 0 && used.every((s) => s === 'completed');
      const expired = now.getTime() - entry.modifiedAt.getTime() > ttlMs;
      if (!running && (completed || expired)) {
        await deps.uploads.remove(workspaceId, entry.uploadId);
        removed++;
      } else kept++;
    }
  }
  return { removed, kept };
}
