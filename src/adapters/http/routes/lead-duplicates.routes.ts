import { z } from 'zod';
import { findDuplicates, findDuplicatesSchema, leadDetailViewSchema, leadViewSchema, mergeLeads, mergeLeadsSchema, undoMerge } from '../../../domains/leads/index.js';
import type { App } from '../types.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });

const duplicatePageSchema = z.object({
  items: z.array(z.object({ key: z.string(), value: z.string(), count: z.number(), leads: z.array(leadViewSchema) })),
  nextCursor: z.string().nullable(),
});

/** Duplicate candidates (grouped by LinkedIn URL, phone, or name + company domain), merge and undo. */
export async function leadDuplicatesRoutes(app: App) {
  app.get('/leads/duplicates', { schema: { tags: ['leads'], querystring: findDuplicatesSchema, response: { 200: duplicatePageSchema } } }, async (req) =>
    findDuplicates(req.ctx, req.query),
  );

  app.post(
    '/leads/merge',
    { schema: { tags: ['leads'], body: mergeLeadsSchema, response: { 200: z.object({ mergeId: z.string(), lead: leadDetailViewSchema }) } } },
    async (req) => mergeLeads(req.ctx, req.body),
  );

  app.post(
    '/lead-merges/:id/undo',
    { schema: { tags: ['leads'], params: idParams, response: { 200: z.object({ survivor: leadDetailViewSchema, restoredLeadIds: z.array(z.string()) }) } } },
    async (req) => undoMerge(req.ctx, req.params.id),
  );
}
