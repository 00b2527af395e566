import { z } from 'zod';
import {
  createCustomField,
  createCustomFieldSchema,
  customFieldViewSchema,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
  updateCustomFieldSchema,
} from '../../../domains/leads/index.js';
import type { App } from '../types.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });

/** Typed custom fields of the workspace: everyone reads them, admins change them. */
export async function customFieldsRoutes(app: App) {
  app.get('/custom-fields', { schema: { tags: ['custom fields'], response: { 200: z.object({ items: z.array(customFieldViewSchema) }) } } }, async (req) => ({
    items: await listCustomFields(req.ctx),
  }));

  app.post(
    '/custom-fields',
    { config: { role: 'admin' }, schema: { tags: ['custom fields'], body: createCustomFieldSchema, response: { 201: customFieldViewSchema } } },
    async (req, reply) => reply.status(201).send(await createCustomField(req.ctx, req.body)),
  );

  app.patch(
    '/custom-fields/:id',
    { config: { role: 'admin' }, schema: { tags: ['custom fields'], params: idParams, body: updateCustomFieldSchema, response: { 200: customFieldViewSchema } } },
    async (req) => updateCustomField(req.ctx, { id: req.params.id, ...req.body }),
  );

  app.delete('/custom-fields/:id', { config: { role: 'admin' }, schema: { tags: ['custom fields'], params: idParams } }, async (req, reply) => {
    await deleteCustomField(req.ctx, req.params.id);
    return reply.status(204).send();
  });
}
