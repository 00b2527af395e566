import multipart from '@fastify/multipart';
import { z } from 'zod';
import { DomainError, validationError } from '../../../core/errors.js';
import { diskUploadStore } from '../../files/disk-upload-store.js';
import { importMaxBytes } from '../../files/import-settings.js';
import '../../files/register-import-kind.js';
import { tableFileReader } from '../../files/table-file-reader.js';
import { getImport, importErrorsCsv, listImports, listImportsSchema, previewUpload, startImport, startImportSchema, undoImport } from '../../../domains/imports/index.js';
import type { App } from '../types.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });
const uploadParams = z.object({ uploadId: z.uuid('uploadId must be a UUID') });
const previewQuery = z.object({ sheet: z.string().max(200).optional(), hasHeader: z.enum(['true', 'false']).optional() });

/**
 * Imports: upload a file (multipart, streamed to disk), preview it with a suggested mapping,
 * start the import job, follow it, download its error report, undo it. See docs/IMPORTS.md.
 */
export async function importsRoutes(parent: App) {
  await parent.register(async (app: App) => {
    const maxBytes = importMaxBytes();
    await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });
    const depsFor = (dataDir: string) => ({ reader: tableFileReader, uploads: diskUploadStore(dataDir, maxBytes) });

    app.post('/imports/uploads', { schema: { tags: ['imports'], consumes: ['multipart/form-data'] } }, async (req, reply) => {
      if (!req.isMultipart()) throw validationError('Send the file as multipart/form-data (field "file")');
      const part = await req.file();
      if (!part) throw validationError('No file in the request (field "file")');
      const deps = depsFor(req.ctx.config.dataDir);
      let upload;
      try {
        upload = await deps.uploads.save(req.ctx.workspaceId!, part.filename, part.file);
      } catch (e) {
        if (e instanceof DomainError) throw e;
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit');
        throw e;
      }
      const preview = await previewUpload(req.ctx, deps, { uploadId: upload.uploadId }).catch(async (e: unknown) => {
        await deps.uploads.remove(req.ctx.workspaceId!, upload.uploadId);
        throw e;
      });
      return reply.status(201).send(preview);
    });

    app.get('/imports/uploads/:uploadId/preview', { schema: { tags: ['imports'], params: uploadParams, querystring: previewQuery } }, async (req) =>
      previewUpload(req.ctx, depsFor(req.ctx.config.dataDir), {
        uploadId: req.params.uploadId,
        sheet: req.query.sheet,
        hasHeader: req.query.hasHeader === undefined ? undefined : req.query.hasHeader === 'true',
      }),
    );

    app.post('/imports', { schema: { tags: ['imports'], body: startImportSchema }, config: { workspaceLimit: 'jobStarts' } }, async (req, reply) =>
      reply.status(202).send(await startImport(req.ctx, depsFor(req.ctx.config.dataDir), req.body)),
    );

    app.get('/imports', { schema: { tags: ['imports'], querystring: listImportsSchema } }, async (req) => listImports(req.ctx, req.query));

    app.get('/imports/:id', { schema: { tags: ['imports'], params: idParams } }, async (req) => getImport(req.ctx, req.params.id));

    app.get('/imports/:id/errors.csv', { schema: { tags: ['imports'], params: idParams } }, async (req, reply) => {
      const lines = importErrorsCsv(req.ctx, req.params.id);
      const iterator = lines[Symbol.asyncIterator]();
      const first = await iterator.next(); // NOT_FOUND surfaces here, before the headers go out
      async function* rest() {
        if (!first.done) yield first.value;
        for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}-errors.csv"`)
        .send(ReadableFrom(rest()));
    });

    app.post('/imports/:id/undo', { schema: { tags: ['imports'], params: idParams } }, async (req) => undoImport(req.ctx, req.params.id));
  });
}

import { Readable } from 'node:stream';
const ReadableFrom = (it: AsyncIterable<string>) => Readable.from(it);
