import { z } from 'zod';
import {
  activityPageSchema,
  addLeadNote,
  bulkLeadsSchema,
  bulkUpdateLeads,
  countLeads,
  countLeadsSchema,
  createSavedView,
  createSavedViewSchema,
  deleteSavedView,
  getSavedView,
  listSavedViews,
  savedViewSchema,
  updateSavedView,
  updateSavedViewSchema,
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
import { WORKSPACE_LIMITS, workspaceRateLimit } from '../workspace-rate-limit.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });
const leadCountSchema = z.object({ count: z.number().int(), capped: z.boolean() });
const bulkResultSchema = z.object({ mode: z.enum(['sync', 'job']), matched: z.number().int(), changed: z.number().int().optional(), jobId: z.uuid().optional() });
const pageQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().max(500).optional() });

/** Leads: CRUD with keyset listing, soft delete and restore, notes and the activity timeline. */
export async function leadsRoutes(app: App) {
  app.get('/leads', { schema: { tags: ['leads'], querystring: listLeadsSchema, response: { 200: leadPageSchema } } }, async (req) =>
    listLeads(req.ctx, req.query),
  );

  // Reads with a body (a long filter does not fit a URL): viewers may use them.
  app.post(
    '/leads/search',
    { config: { role: 'viewer' }, schema: { tags: ['leads'], summary: 'GET /leads with the parameters in the body', body: listLeadsSchema, response: { 200: leadPageSchema } } },
    async (req) => listLeads(req.ctx, req.body),
  );

  app.get(
    '/leads/count',
    { schema: { tags: ['leads'], summary: 'How many leads match (capped at 1,000 with a quick search)', querystring: countLeadsSchema, response: { 200: leadCountSchema } } },
    async (req) => countLeads(req.ctx, req.query),
  );

  app.post(
    '/leads/count',
    { config: { role: 'viewer' }, schema: { tags: ['leads'], summary: 'GET /leads/count with the parameters in the body', body: countLeadsSchema, response: { 200: leadCountSchema } } },
    async (req) => countLeads(req.ctx, req.body),
  );

  app.post(
    '/leads/bulk',
    {
      preHandler: workspaceRateLimit(app, WORKSPACE_LIMITS.jobStarts),
      schema: {
        tags: ['leads'],
        summary: 'Tag, untag, add to / remove from a list, set stage or owner, delete or restore: ids or everything matching',
        body: bulkLeadsSchema,
        response: { 200: bulkResultSchema, 202: bulkResultSchema },
      },
    },
    async (req, reply) => {
      const result = await bulkUpdateLeads(req.ctx, req.body);
      return reply.status(result.mode === 'job' ? 202 : 200).send(result);
    },
  );

  app.get('/lead-views', { schema: { tags: ['leads'], summary: 'Saved views: yours and the shared ones', response: { 200: z.object({ items: z.array(savedViewSchema) }) } } }, async (req) =>
    listSavedViews(req.ctx),
  );

  app.post('/lead-views', { schema: { tags: ['leads'], body: createSavedViewSchema, response: { 201: savedViewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createSavedView(req.ctx, req.body)),
  );

  app.get('/lead-views/:id', { schema: { tags: ['leads'], params: idParams, response: { 200: savedViewSchema } } }, async (req) =>
    getSavedView(req.ctx, req.params.id),
  );

  app.patch('/lead-views/:id', { schema: { tags: ['leads'], params: idParams, body: updateSavedViewSchema, response: { 200: savedViewSchema } } }, async (req) =>
    updateSavedView(req.ctx, { id: req.params.id, changes: req.body }),
  );

  app.delete('/lead-views/:id', { schema: { tags: ['leads'], params: idParams } }, async (req, reply) => {
    await deleteSavedView(req.ctx, req.params.id);
    return reply.status(204).send();
  });

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
