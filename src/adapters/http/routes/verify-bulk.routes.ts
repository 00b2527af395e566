import multipart from '@fastify/multipart';
import { z } from 'zod';
import { DomainError, validationError } from '../../../core/errors.js';
import { exportBulkResults, getBulkVerify, listBulkResults, startBulkVerify, startBulkVerifyInput } from '../../../domains/verify/index.js';
import { diskUploadStore } from '../../files/disk-upload-store.js';
import { importMaxBytes } from '../../files/import-settings.js';
import { tableFileReader } from '../../files/table-file-reader.js';
// The bulk job kind must be registered wherever its jobs are started.
import '../../smtp-probe/register-bulk-kind.js';
import type { App } from '../types.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const jobParams = z.object({ jobId: z.guid('jobId must be a job id') });
const filterQuery = {
  status: z.string().max(500).optional(),
  reason: z.string().max(500).optional(),
  q: z.string().max(320).optional(),
};
const flag = z.enum(['true', 'false']).optional();
const uploadQuery = z.strictObject({
  column: z.string().max(200).optional(),
  sheet: z.string().max(200).optional(),
  skipSmtp: flag,
  writeToLeads: flag,
  source: z.string().max(200).optional(),
});
const asBool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/**
 * Bulk verification (docs/VERIFY.md "Bulk"): start a job from addresses, pasted text, an
 * uploaded file, a list or a leads filter; its summary, filtered results and export. Progress
 * and control go through the jobs API.
 */
export async function verifyBulkRoutes(app: App) {
  const maxBytes = importMaxBytes();
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10 } });
  const depsFor = (dataDir: string) => ({ reader: tableFileReader, uploads: diskUploadStore(dataDir, maxBytes) });

  app.post(
    '/verify/bulk',
    {
      schema: {
        tags: ['verify'],
        summary: 'Start a bulk verification job: emails, pasted text, an uploaded file (uploadId), a list, or a leads filter',
        body: startBulkVerifyInput,
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
    },
    async (req, reply) => reply.status(202).send(await startBulkVerify(req.ctx, req.body, depsFor(req.ctx.config.dataDir))),
  );

  app.post(
    '/verify/bulk/upload',
    {
      schema: {
        tags: ['verify'],
        summary: 'Upload a CSV/XLSX file (multipart field "file") and start its bulk verification',
        consumes: ['multipart/form-data'],
        querystring: uploadQuery,
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw validationError('Send the file as multipart/form-data (field "file")');
      const part = await req.file();
      if (!part) throw validationError('No file in the request (field "file")');
      const deps = depsFor(req.ctx.config.dataDir);
      const workspaceId = req.ctx.workspaceId!;
      let upload;
      try {
        upload = await deps.uploads.save(workspaceId, part.filename, part.file);
      } catch (e) {
        if (e instanceof DomainError) throw e;
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit');
        throw e;
      }
      try {
        const q = req.query;
        const job = await startBulkVerify(
          req.ctx,
          { uploadId: upload.uploadId, column: q.column, sheet: q.sheet, skipSmtp: asBool(q.skipSmtp), writeToLeads: asBool(q.writeToLeads), source: q.source ?? part.filename },
          deps,
        );
        return reply.status(202).send(job);
      } finally {
        // The items are in the job now; the file is not needed any more.
        await deps.uploads.remove(workspaceId, upload.uploadId);
      }
    },
  );

  app.get(
    '/verify/bulk/:jobId',
    { schema: { tags: ['verify'], summary: 'A bulk verification: the job, counts by status and reason, options, credits charged', params: jobParams } },
    async (req) => getBulkVerify(req.ctx, { jobId: req.params.jobId }),
  );

  app.get(
    '/verify/bulk/:jobId/results',
    {
      schema: {
        tags: ['verify'],
        summary: 'Results in input order, filtered by status / reason (comma lists) and address; keyset pages',
        params: jobParams,
        querystring: z.strictObject({ ...filterQuery, limit: z.string().max(10).optional(), cursor: z.string().max(20).optional() }),
      },
    },
    async (req) => listBulkResults(req.ctx, { ...req.query, jobId: req.params.jobId }),
  );

  app.get(
    '/verify/bulk/:jobId/export',
    {
      schema: {
        tags: ['verify'],
        summary: 'Results as a streamed CSV or XLSX file (same filters)',
        params: jobParams,
        querystring: z.strictObject({ ...filterQuery, format: z.enum(['csv', 'xlsx']).optional() }),
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive),
    },
    async (req, reply) => {
      const file = await exportBulkResults(req.ctx, { ...req.query, jobId: req.params.jobId });
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    },
  );
}
