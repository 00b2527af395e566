import type { Ctx } from '../../core/context.js';
import { startJob } from '../jobs/index.js';
import type { StartExportInput } from './export-input.js';
import { EXPORT_JOB_KIND } from './export-kind.js';
import { toExportView, type ExportView } from './export-view.js';
import { setExportState } from './finish-export.js';
import { prepareExport } from './prepare-export.js';

/** Records an export and starts its job (`exports.run`); the file is downloadable once it completes. */
export async function startExport(ctx: Ctx, input: StartExportInput): Promise<ExportView> {
  const exp = await prepareExport(ctx, input, 'queued');
  const job = await startJob(ctx, { kind: EXPORT_JOB_KIND, payload: { exportId: exp.id }, label: `Export ${exp.fileName}`, items: [[{ ref: exp.id }]] });
  await setExportState(ctx, exp.id, { jobId: job.id });
  return toExportView({ ...exp, jobId: job.id });
}
