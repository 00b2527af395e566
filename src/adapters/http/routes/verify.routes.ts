import { z } from 'zod';
import { REASON_PRIORITY, VERIFY_STATUSES, verifyEmailForWorkspace, verifyEmailInput } from '../../../domains/verify/index.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
import type { App } from '../types.js';
import { verifyBulkRoutes } from './verify-bulk.routes.js';
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

/** Email verification: one address per request; bulk jobs in verify-bulk.routes.ts. */
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

  await app.register(verifyBulkRoutes);
}
