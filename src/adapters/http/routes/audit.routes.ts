import { z } from 'zod';
import { AUDIT_PAGE_MAX, listAuditEvents } from '../../../domains/audit/index.js';
import type { App } from '../types.js';

const auditEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  actorType: z.string(),
  actorUserId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

/** The workspace's audit log (admin). */
export async function auditRoutes(app: App) {
  app.get(
    '/workspace/audit',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first, keyset-paginated',
        // Loose here; the verb validates and answers VALIDATION with a clear message.
        querystring: z.object({
          limit: z.string().optional().describe(`1–${AUDIT_PAGE_MAX}, default 50`),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          action: z.string().optional().describe('exact action, or a prefix ending in * (member.*)'),
        }),
        response: { 200: z.object({ items: z.array(auditEvent), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listAuditEvents(req.ctx, req.query),
  );
}
