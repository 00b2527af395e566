import { z } from 'zod';
import {
  bulkFindCsvLines,
  bulkFindResultsInput,
  FIND_REASONS,
  FIND_STATUSES,
  findEmail,
  findEmailInput,
  listBulkFindResults,
  MAX_BULK_PEOPLE,
  PATTERN_IDS,
  peopleFromFile,
  readPeopleCsv,
  startBulkFind,
} from '../../../domains/finder/index.js';
import { diskUploadStore } from '../../files/disk-upload-store.js';
import { importMaxBytes } from '../../files/import-settings.js';
import { tableFileReader } from '../../files/table-file-reader.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
// The bulk job kind must be registered wherever its jobs are started.
import '../../smtp-probe/register-finder-kind.js';
import type { App } from '../types.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';
import { verifyResultView } from './verify-result-view.js';
import { Readable } from 'node:stream';

const findResultView = z.object({
  email: z.string().nullable(),
  status: z.enum(FIND_STATUSES),
  reason: z.enum(FIND_REASONS),
  confidence: z.number().int().min(0).max(100),
  pattern: z.enum(PATTERN_IDS as [string, ...string[]]).nullable(),
  domain: z.string().nullable(),
  domainSource: z.enum(['given', 'website', 'workspace', 'guessed']).nullable(),
  candidatesChecked: z.array(z.string()),
  smtpProbes: z.number().int(),
  verification: verifyResultView.nullable(),
  chargedMilli: z.number().int(),
  charged: z.number(),
});

const headers = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const jobParams = z.object({ jobId: z.guid('jobId must be a job id') });

/** The email finder: one person per request; many as a job (docs/FINDER.md). */
export async function finderRoutes(app: App) {
  app.post(
    '/find',
    {
      schema: {
        tags: ['finder'],
        summary: "Find a person's work email from a name and a domain, website or company (1 credit when an address is returned)",
        headers,
        body: findEmailInput,
        response: { 200: findResultView },
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive),
    },
    async (req) => {
      const net = req.ctx.services.verifier ?? verifierNetFor(req.ctx.config);
      const result = await findEmail(req.ctx, net, req.body, { idempotencyKey: req.headers['idempotency-key'] });
      return { ...result, charged: result.chargedMilli / 1000 };
    },
  );

  app.post(
    '/find/bulk',
    {
      schema: {
        tags: ['finder'],
        summary: 'Start a bulk find job: people, pasted CSV text, an uploaded file (POST /imports/uploads first), the leads of a list or chosen leads (those without an email)',
        body: z
          .strictObject({
            people: z.array(z.unknown()).max(MAX_BULK_PEOPLE).optional(),
            text: z.string().max(20 * 1024 * 1024).optional(),
            uploadId: z.uuid('uploadId must be an upload id').optional(),
            sheet: z.string().max(200).optional(),
            listId: z.guid('listId must be a list id').optional(),
            leadIds: z.array(z.guid('leadIds must be lead ids')).min(1).max(10_000).optional(),
            filter: z.record(z.string().max(100), z.string().max(1000)).optional(),
            skipSmtp: z.boolean().optional(),
            minConfidence: z.number().int().min(0).max(100).optional(),
            save: z.boolean().optional(),
            targetListId: z.guid('targetListId must be a list id').optional(),
            source: z.string().max(200).optional(),
          })
          .refine((b) => [b.people, b.text, b.uploadId, b.listId, b.leadIds, b.filter].filter((x) => x !== undefined).length === 1, 'give one of people, text, uploadId, listId, leadIds or filter'),
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
    },
    async (req, reply) => {
      const { text, uploadId, sheet, ...options } = req.body;
      if (uploadId) {
        const uploads = diskUploadStore(req.ctx.config.dataDir, importMaxBytes());
        const upload = await uploads.get(req.ctx.workspaceId!, uploadId);
        const people = peopleFromFile(tableFileReader, upload.path, { sheet });
        const job = await startBulkFind(req.ctx, { ...options, source: options.source ?? upload.fileName }, people);
        return reply.status(202).send(job);
      }
      const people = text !== undefined ? readPeopleCsv(text) : options.people;
      return reply.status(202).send(await startBulkFind(req.ctx, { ...options, people }));
    },
  );

  app.get(
    '/find/bulk/:jobId/results',
    {
      schema: {
        tags: ['finder'],
        summary: 'Results of a bulk find in input order (filter by status; keyset pages)',
        params: jobParams,
        querystring: bulkFindResultsInput.omit({ jobId: true }),
      },
    },
    async (req) => listBulkFindResults(req.ctx, { ...req.query, jobId: req.params.jobId }),
  );

  app.get(
    '/find/bulk/:jobId/export',
    {
      schema: { tags: ['finder'], summary: 'Results as CSV (same status filter)', params: jobParams, querystring: z.object({ status: z.enum(FIND_STATUSES).optional() }) },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive),
    },
    async (req, reply) => {
      const lines = bulkFindCsvLines(req.ctx, req.params.jobId, req.query.status);
      const iterator = lines[Symbol.asyncIterator]();
      const first = await iterator.next(); // NOT_FOUND surfaces here, before the headers go out
      async function* all() {
        if (!first.done) yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="find-${req.params.jobId}.csv"`)
        .send(Readable.from(all()));
    },
  );
}
