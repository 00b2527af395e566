import { and, eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { getJob, getJobProgress } from '../jobs/index.js';
import { imports, type ImportRow } from './imports.tables.js';
import { toImportView, type ImportView } from './import-view.js';

export type { ImportView } from './import-view.js';

export async function findImport(ctx: Ctx, id: string): Promise<ImportRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Import');
  const [row] = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.workspaceId, requireWorkspaceId(ctx))))
    .limit(1);
  if (!row) throw notFound('Import');
  return row;
}

/** One import of the workspace with its job's status and progress. */
export async function getImport(ctx: Ctx, id: string): Promise<ImportView> {
  const row = await findImport(ctx, id);
  const job = row.jobId ? await getJobProgress(ctx, { jobId: row.jobId }).catch(() => null) : null;
  const verifyJob = row.verifyJobId ? await getJob(ctx, { jobId: row.verifyJobId }).catch(() => null) : null;
  return toImportView(row, job, verifyJob ? { ...verifyJob, stats: verifyJob.stats as Record<string, number> } : null);
}
