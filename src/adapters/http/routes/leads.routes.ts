import { z } from 'zod';
import {
  activityPageSchema,
  addLeadNote,
  createLead,
  createLeadSchema,
  deleteLead,
  getLead,
  leadDetailViewSchema,
  leadPageSchema,
  leadPatchSchema,
  listLeadActivity,
  listLeadNotes,
  listLeads,
  listLeadsSchema,
  noteViewSchema,
  notePageSchema,
  restoreLead,
  updateLead,
} from '../../../domains/leads/index.js';
import type { App } from '../types.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });
const pageQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().max(500).optional() });

/** Leads: CRUD with keyset listing, soft delete and restore, notes and the activity timeline. */
export async function leadsRoutes(app: App) {
  app.get('/leads', { schema: { tags: ['leads'], querystring: listLeadsSchema, response: { 200: leadPageSchema } } }, async (req) =>
    listLeads(req.ctx, req.query),
  );

  app.post('/leads', { schema: { tags: ['leads'], body: createLeadSchema, response: { 201: leadDetailViewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createLead(req.ctx, req.body)),
  );

  app.get('/leads/:id', { schema: { tags: ['leads'], params: idParams, response: { 200: leadDetailViewSchema } } }, async (req) =>
    getLead(req.ctx, req.params.id),
  );

  app.patch('/leads/:id', { schema: { tags: ['leads'], params: idParams, body: leadPatchSchema, response: { 200: leadDetailViewSchema } } }, async (req) =>
    updateLead(req.ctx, { id: req.params.id, fields: req.body }),
  );

  app.delete('/leads/:id', { schema: { tags: ['leads'], params: idParams } }, async (req, reply) => {
    await deleteLead(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  app.post('/leads/:id/restore', { schema: { tags: ['leads'], params: idParams, response: { 200: leadDetailViewSchema } } }, async (req) =>
    restoreLead(req.ctx, req.params.id),
  );

  app.get('/leads/:id/notes', { schema: { tags: ['leads'], params: idParams, querystring: pageQuery, response: { 200: notePageSchema } } }, async (req) =>
    listLeadNotes(req.ctx, { leadId: req.params.id, ...req.query }),
  );

  app.post(
    '/leads/:id/notes',
    { schema: { tags: ['leads'], params: idParams, body: z.strictObject({ body: z.string() }), response: { 201: noteViewSchema } } },
    async (req, reply) => reply.status(201).send(await addLeadNote(req.ctx, { leadId: req.params.id, body: req.body.body })),
  );

  app.get('/leads/:id/activity', { schema: { tags: ['leads'], params: idParams, querystring: pageQuery, response: { 200: activityPageSchema } } }, async (req) =>
    listLeadActivity(req.ctx, { leadId: req.params.id, ...req.query }),
  );
}
