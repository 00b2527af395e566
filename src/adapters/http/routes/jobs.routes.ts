import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  cancelJob,
  getJob,
  getJobProgress,
  isFinished,
  ITEM_STATUSES,
  JOB_STATUSES,
  listJobItems,
  listJobs,
  pauseJob,
  resumeJob,
  retryFailedItems,
  type JobProgressView,
} from '../../../domains/jobs/index.js';
import type { App } from '../types.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const counts = {
  total: z.number().int(),
  processed: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  percent: z.number(),
  itemsPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable(),
};

const progressView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  ...counts,
  error: z.string().nullable(),
  updatedAt: z.date(),
});

const jobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  label: z.string().nullable(),
  status: z.enum(JOB_STATUSES),
  ...counts,
  params: z.unknown(),
  stats: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  feature: z.string().nullable(),
  costPerItemMilli: z.number().int(),
  retryRound: z.number().int(),
  createdBy: z.object({ type: z.string(), userId: z.uuid().nullable(), apiKeyId: z.uuid().nullable() }),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  heartbeatAt: z.date().nullable(),
  updatedAt: z.date(),
});

const itemView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  ref: z.string(),
  input: z.unknown(),
  status: z.enum(ITEM_STATUSES),
  result: z.unknown(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.date().nullable(),
});

const idParams = z.object({ id: z.string() });
/** `status=failed,skipped` or repeated `status=` parameters. */
const statusList = (v: string | string[] | undefined) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean));

/** Jobs of the workspace: list, detail, items, progress (polling and SSE), pause/resume/cancel/retry. */
export async function jobsRoutes(app: App) {
  // Open event streams end when the server shuts down (they would otherwise hold close() open).
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Jobs, newest first, keyset-paginated',
        querystring: z.object({
          kind: z.string().optional(),
          status: z.union([z.string(), z.array(z.string())]).optional().describe(`comma-separated: ${JOB_STATUSES.join(', ')}`),
          createdAfter: z.string().optional().describe('ISO date-time, inclusive'),
          createdBefore: z.string().optional().describe('ISO date-time, exclusive'),
          limit: z.string().optional().describe('1–100, default 50'),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
        }),
        response: { 200: z.object({ items: z.array(jobView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listJobs(req.ctx, { ...req.query, status: statusList(req.query.status) as never }),
  );

  app.get(
    '/jobs/:id',
    { schema: { tags: ['jobs'], summary: 'One job with live progress', params: idParams, response: { 200: jobView } } },
    async (req) => getJob(req.ctx, { jobId: req.params.id }),
  );

  app.get(
    '/jobs/:id/progress',
    {
      schema: { tags: ['jobs'], summary: 'Progress for pollers: processed / total, items per second, ETA', params: idParams, response: { 200: progressView } },
    },
    async (req) => getJobProgress(req.ctx, { jobId: req.params.id }),
  );

  app.get(
    '/jobs/:id/items',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Items of a job in order, optionally filtered by status',
        params: idParams,
        querystring: z.object({
          status: z.union([z.string(), z.array(z.string())]).optional().describe(`comma-separated: ${ITEM_STATUSES.join(', ')}`),
          limit: z.string().optional().describe('1–500, default 100'),
          cursor: z.string().optional().describe('nextCursor of the previous page (a seq)'),
        }),
        response: { 200: z.object({ items: z.array(itemView), nextCursor: z.number().int().nullable() }) },
      },
    },
    async (req) => listJobItems(req.ctx, { jobId: req.params.id, ...req.query, status: statusList(req.query.status) as never }),
  );

  app.get(
    '/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Live progress as Server-Sent Events: `progress` events, then one `end` event when the job stops',
        description:
          'EventSource cannot send an Authorization header: read the stream with fetch(). Each event carries the same JSON as /jobs/:id/progress.',
        params: idParams,
        querystring: z.object({ intervalMs: z.coerce.number().int().min(250).max(10_000).default(1000) }),
      },
    },
    async (req, reply) => streamProgress(req, reply, req.params.id, req.query.intervalMs, streams),
  );

  for (const [action, verb] of [
    ['pause', pauseJob],
    ['resume', resumeJob],
    ['cancel', cancelJob],
  ] as const) {
    app.post(
      `/jobs/:id/${action}`,
      { schema: { tags: ['jobs'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} a job`, params: idParams, response: { 200: jobView } } },
      async (req) => verb(req.ctx, { jobId: req.params.id }),
    );
  }

  app.post(
    '/jobs/:id/retry',
    {
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
      schema: {
        tags: ['jobs'],
        summary: 'Run the failed items of a finished job again (reserves their credits; 402 when short)',
        params: idParams,
        response: { 200: jobView.extend({ retriedItems: z.number().int() }) },
      },
    },
    async (req) => retryFailedItems(req.ctx, { jobId: req.params.id }),
  );
}

const KEEP_ALIVE_MS = 15_000;

/**
 * Polls the job's progress (the database is shared by every process, so this sees the work of
 * any worker) and sends an event whenever it changed; ends once the job stopped.
 */
async function streamProgress(req: FastifyRequest, reply: FastifyReply, jobId: string, intervalMs: number, streams: Set<() => void>) {
  let last = await getJobProgress(req.ctx, { jobId });
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  let closed = false;
  let wake: () => void = () => undefined;
  const end = () => {
    closed = true;
    wake();
  };
  streams.add(end);
  req.raw.on('close', end);
  const send = (event: string, data: JobProgressView) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.write('retry: 3000\n\n');
  send('progress', last);
  let lastSentAt = Date.now();
  while (!closed && !isFinished(last.status)) {
    await new Promise<void>((r) => {
      const t = setTimeout(r, intervalMs);
      wake = () => (clearTimeout(t), r());
    });
    if (closed) break;
    let now: JobProgressView;
    try {
      now = await getJobProgress(req.ctx, { jobId });
    } catch (err) {
      req.log.warn({ err }, 'job progress stream stopped');
      break;
    }
    if (now.processed !== last.processed || now.status !== last.status || now.total !== last.total) {
      send('progress', now);
      lastSentAt = Date.now();
    } else if (Date.now() - lastSentAt >= KEEP_ALIVE_MS) {
      res.write(': keep-alive\n\n');
      lastSentAt = Date.now();
    }
    last = now;
  }
  streams.delete(end);
  if (!closed && isFinished(last.status)) send('end', last);
  res.end();
}
