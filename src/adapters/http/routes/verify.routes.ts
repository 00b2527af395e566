import { z } from 'zod';
import { validationError } from '../../../core/errors.js';
import {
  bulkResultsInput,
  csvHeader,
  csvLine,
  listBulkResults,
  MAX_BULK_ADDRESSES,
  readAddressFile,
  REASON_PRIORITY,
  startBulkVerify,
  VERIFY_STATUSES,
  verifyEmailForWorkspace,
  verifyEmailInput,
} from '../../../domains/verify/index.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
// The bulk job kind must be registered wherever its jobs are started.
import '../../smtp-probe/register-bulk-kind.js';
import type { App } from '../types.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const resultView = z.object({
  email: z.string(),
  status: z.enum(VERIFY_STATUSES),
  reason: z.enum(REASON_PRIORITY),
  score: z.number().int().min(0).max(100),
  suggestion: z.string().nullable(),
  checks: z.object({
    syntax: z.boolean(),
    domain: z.boolean().nullable(),
    mx: z.array(z.object({ exchange: z.string(), priority: z.number().int() })),
    smtp: z.string(),
    catchAll: z.boolean().nullable(),
    disposable: z.boolean(),
    role: z.boolean(),
    free: z.boolean(),
    gibberish: z.boolean(),
    provider: z.string().nullable(),
  }),
  chargedMilli: z.number().int(),
  charged: z.number(),
});

const headers = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

/** Email verification: one address per request (bulk runs as a job). */
export async function verifyRoutes(app: App) {
  app.post(
    '/verify',
    {
      schema: {
        tags: ['verify'],
        summary: 'Verify one email address (0.5 credit for a definite answer; unknown is refunded)',
        headers,
        body: verifyEmailInput,
        response: { 200: resultView },
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive),
    },
    async (req) => {
      const net = req.ctx.services.verifier ?? verifierNetFor(req.ctx.config);
      const result = await verifyEmailForWorkspace(req.ctx, net, req.body, { idempotencyKey: req.headers['idempotency-key'] });
      return { ...result, charged: result.chargedMilli / 1000 };
    },
  );

  app.post(
    '/verify/bulk',
    {
      schema: {
        tags: ['verify'],
        summary: 'Start a bulk verification job: addresses, pasted text / CSV content with an email column, or the leads of a list',
        body: z
          .strictObject({
            emails: z.array(z.string().max(320)).max(MAX_BULK_ADDRESSES).optional(),
            text: z.string().max(20 * 1024 * 1024).optional(),
            listId: z.guid('listId must be a list id').optional(),
            skipSmtp: z.boolean().optional(),
            source: z.string().max(200).optional(),
          })
          .refine((b) => [b.emails, b.text, b.listId].filter((x) => x !== undefined).length === 1, 'give one of emails, text or listId'),
      },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
    },
    async (req, reply) => {
      let emails = req.body.emails;
      if (req.body.listId) {
        const job = await startBulkVerify(req.ctx, { listId: req.body.listId, skipSmtp: req.body.skipSmtp, source: req.body.source });
        return reply.status(202).send(job);
      }
      if (req.body.text !== undefined) {
        try {
          emails = readAddressFile(req.body.text);
        } catch (e) {
          throw validationError(`text: ${(e as Error).message}`);
        }
      }
      const job = await startBulkVerify(req.ctx, { emails: emails ?? [], skipSmtp: req.body.skipSmtp, source: req.body.source });
      return reply.status(202).send(job);
    },
  );

  const bulkQuery = bulkResultsInput.omit({ jobId: true });
  const jobParams = z.object({ jobId: z.guid('jobId must be a job id') });

  app.get(
    '/verify/bulk/:jobId/results',
    {
      schema: {
        tags: ['verify'],
        summary: 'Results of a bulk verification in input order (filter by status / reason; keyset pages)',
        params: jobParams,
        querystring: bulkQuery,
      },
    },
    async (req) => listBulkResults(req.ctx, { ...req.query, jobId: req.params.jobId }),
  );

  app.get(
    '/verify/bulk/:jobId/export',
    {
      schema: { tags: ['verify'], summary: 'Results as CSV (same filters)', params: jobParams, querystring: bulkQuery.omit({ limit: true, cursor: true }) },
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.expensive),
    },
    async (req, reply) => {
      const lines = [csvHeader()];
      let cursor: number | undefined;
      do {
        const page = await listBulkResults(req.ctx, { ...req.query, jobId: req.params.jobId, limit: 1000, cursor });
        for (const row of page.items) if (row.result) lines.push(csvLine(row.input, row.result));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="verify-${req.params.jobId}.csv"`)
        .send(lines.join('\r\n') + '\r\n');
    },
  );
}
