import { z } from 'zod';
import {
  addLeadsToList,
  leadIdsSchema,
  leadPageSchema,
  listLeads,
  listLeadsSchema,
  removeLeadsFromList,
} from '../../../domains/leads/index.js';
import {
  archiveList,
  createFolder,
  createList,
  createListSchema,
  deleteFolder,
  deleteList,
  folderViewSchema,
  getList,
  listListFolders,
  listLists,
  listListsSchema,
  listViewSchema,
  renameFolder,
  restoreList,
  updateList,
  updateListSchema,
} from '../../../domains/lists/index.js';
import type { App } from '../types.js';

const idParams = z.object({ id: z.uuid('id must be a UUID') });
const leadParams = idParams.extend({ leadId: z.uuid('leadId must be a UUID') });
const leadIdsBody = z.strictObject({ leadIds: leadIdsSchema });
const folderBody = z.strictObject({ name: z.string() });
const countsSchema = (key: 'added' | 'removed') => z.object({ [key]: z.number(), leadCount: z.number() });

/** Lists (private ones only to their allow-list and admins), their leads, and list folders. */
export async function listsRoutes(app: App) {
  app.get('/lists', { schema: { tags: ['lists'], querystring: listListsSchema, response: { 200: z.object({ items: z.array(listViewSchema) }) } } }, async (req) => ({
    items: await listLists(req.ctx, req.query),
  }));

  app.post('/lists', { schema: { tags: ['lists'], body: createListSchema, response: { 201: listViewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createList(req.ctx, req.body)),
  );

  app.get('/lists/:id', { schema: { tags: ['lists'], params: idParams, response: { 200: listViewSchema } } }, async (req) => getList(req.ctx, req.params.id));

  app.patch('/lists/:id', { schema: { tags: ['lists'], params: idParams, body: updateListSchema, response: { 200: listViewSchema } } }, async (req) =>
    updateList(req.ctx, { id: req.params.id, ...req.body }),
  );

  app.delete('/lists/:id', { schema: { tags: ['lists'], params: idParams } }, async (req, reply) => {
    await deleteList(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  app.post('/lists/:id/archive', { schema: { tags: ['lists'], params: idParams, response: { 200: listViewSchema } } }, async (req) =>
    archiveList(req.ctx, req.params.id),
  );

  app.post('/lists/:id/restore', { schema: { tags: ['lists'], params: idParams, response: { 200: listViewSchema } } }, async (req) =>
    restoreList(req.ctx, req.params.id),
  );

  app.get(
    '/lists/:id/leads',
    { schema: { tags: ['lists'], params: idParams, querystring: listLeadsSchema.omit({ list_id: true }), response: { 200: leadPageSchema } } },
    async (req) => listLeads(req.ctx, { ...req.query, list_id: req.params.id }),
  );

  app.post('/lists/:id/leads', { schema: { tags: ['lists'], params: idParams, body: leadIdsBody, response: { 200: countsSchema('added') } } }, async (req) =>
    addLeadsToList(req.ctx, { listId: req.params.id, leadIds: req.body.leadIds }),
  );

  app.post('/lists/:id/leads/remove', { schema: { tags: ['lists'], params: idParams, body: leadIdsBody, response: { 200: countsSchema('removed') } } }, async (req) =>
    removeLeadsFromList(req.ctx, { listId: req.params.id, leadIds: req.body.leadIds }),
  );

  app.delete('/lists/:id/leads/:leadId', { schema: { tags: ['lists'], params: leadParams } }, async (req, reply) => {
    await removeLeadsFromList(req.ctx, { listId: req.params.id, leadIds: [req.params.leadId] });
    return reply.status(204).send();
  });

  app.get('/list-folders', { schema: { tags: ['lists'], response: { 200: z.object({ items: z.array(folderViewSchema) }) } } }, async (req) => ({
    items: await listListFolders(req.ctx),
  }));

  app.post('/list-folders', { schema: { tags: ['lists'], body: folderBody, response: { 201: folderViewSchema } } }, async (req, reply) =>
    reply.status(201).send(await createFolder(req.ctx, req.body)),
  );

  app.patch('/list-folders/:id', { schema: { tags: ['lists'], params: idParams, body: folderBody, response: { 200: folderViewSchema } } }, async (req) =>
    renameFolder(req.ctx, { id: req.params.id, name: req.body.name }),
  );

  app.delete('/list-folders/:id', { schema: { tags: ['lists'], params: idParams } }, async (req, reply) => {
    await deleteFolder(req.ctx, req.params.id);
    return reply.status(204).send();
  });
}
