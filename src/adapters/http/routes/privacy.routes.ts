import { z } from 'zod';
import { erasePerson, exportPerson, liftPersonErasure, personSchema } from '../../../domains/privacy/index.js';
import type { App } from '../types.js';

/** GDPR: a person's data export, erasure (with tombstones) and re-adding on purpose. Owners and admins. */
export async function privacyRoutes(app: App) {
  app.post('/privacy/person-export', { config: { role: 'admin' }, schema: { tags: ['privacy'], body: personSchema } }, async (req, reply) =>
    reply.header('content-disposition', 'attachment; filename="person-export.json"').send(await exportPerson(req.ctx, req.body)),
  );

  app.post(
    '/privacy/erasures',
    { config: { role: 'admin' }, schema: { tags: ['privacy'], body: personSchema, response: { 200: z.object({ erasureId: z.string(), erasedLeads: z.number() }) } } },
    async (req) => erasePerson(req.ctx, req.body),
  );

  app.post(
    '/privacy/erasures/lift',
    { config: { role: 'admin' }, schema: { tags: ['privacy'], body: personSchema.omit({ leadId: true }), response: { 200: z.object({ lifted: z.number() }) } } },
    async (req) => liftPersonErasure(req.ctx, req.body),
  );
}
