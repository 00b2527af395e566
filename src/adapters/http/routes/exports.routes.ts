import { PassThrough } from 'node:stream';
import { z } from 'zod';
import '../../files/register-export-kind.js';
import {
  EXPORT_MIME,
  exportPageSchema,
  exportViewSchema,
  getExport,
  listExports,
  listExportsSchema,
  openExportDownload,
  startExport,
  startExportSchema,
  streamExport,
  type LeadExportRow,
} from '../../../domains/exports/index.js';
import type { App } from '../types.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });
/** Direct (non-job) exports hold a database connection while they stream: small ones only. */
const MAX_STREAMED_ROWS = 10_000;

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`;

/** Lead exports: as a job producing a file (any size), or streamed in the response (small). */
export async function exportsRoutes(app: App) {
  app.post(
    '/exports',
    { preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts), schema: { tags: ['exports'], body: startExportSchema, response: { 202: exportViewSchema } } },
    async (req, reply) => reply.status(202).send(await startExport(req.ctx, req.body)),
  );

  app.post(
    '/exports/stream',
    { preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive), schema: { tags: ['exports'], body: startExportSchema } },
    async (req, reply) => {
      const out = new PassThrough();
      let started: (exp: LeadExportRow) => void = () => undefined;
      const start = new Promise<LeadExportRow>((resolve) => (started = resolve));
      const done = streamExport(req.ctx, req.body, out, { onStart: (exp) => started(exp), maxRows: MAX_STREAMED_ROWS });
      // Refusals (bad columns, unknown list, too many rows) come before the first byte: a proper error answer.
      const exp = await Promise.race([start, done.then(() => start)]);
      done.catch((e: unknown) => {
        req.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'streamed export failed');
        out.destroy(e instanceof Error ? e : new Error('export failed'));
      });
      return reply
        .header('content-type', EXPORT_MIME[exp.format])
        .header('content-disposition', attachment(exp.fileName))
        .header('x-export-id', exp.id)
        .send(out);
    },
  );

  app.get('/exports', { schema: { tags: ['exports'], querystring: listExportsSchema, response: { 200: exportPageSchema } } }, async (req) =>
    listExports(req.ctx, req.query),
  );

  app.get('/exports/:id', { schema: { tags: ['exports'], params: idParams, response: { 200: exportViewSchema } } }, async (req) =>
    getExport(req.ctx, req.params.id),
  );

  app.get('/exports/:id/download', { schema: { tags: ['exports'], params: idParams } }, async (req, reply) => {
    const file = await openExportDownload(req.ctx, req.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.bytes))
      .header('content-disposition', attachment(file.fileName))
      .send(file.stream);
  });
}
