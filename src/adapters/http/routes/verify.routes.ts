import { z } from 'zod';
import { verifyEmailForWorkspace, verifyEmailInput } from '../../../domains/verify/index.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
import type { App } from '../types.js';
import { verifyBulkRoutes } from './verify-bulk.routes.js';
import { verifyResultView } from './verify-result-view.js';
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const resultView = verifyResultView.extend({
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
