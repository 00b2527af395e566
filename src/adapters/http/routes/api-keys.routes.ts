import { z } from 'zod';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../../../domains/auth/index.js';
import type { App } from '../types.js';

// The response schema is also a guard: whatever the verb returns, only these fields go out.
const apiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(API_KEY_ROLES),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  createdBy: z.uuid().nullable(),
  createdByEmail: z.string().nullable(),
});

/** Workspace API keys (admin). The key itself is shown once, in the answer to its creation. */
export async function apiKeysRoutes(app: App) {
  app.get(
    '/workspace/api-keys',
    { config: { role: 'admin' }, schema: { tags: ['api-keys'], summary: 'Active API keys (never the key)', response: { 200: z.object({ items: z.array(apiKey) }) } } },
    async (req) => ({ items: await listApiKeys(req.ctx) }),
  );

  app.post(
    '/workspace/api-keys',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; `key` is shown only in this answer',
        body: z.strictObject({ name: z.string(), role: z.enum(API_KEY_ROLES) }),
        response: { 201: z.object({ apiKey, key: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(req.ctx, req.body)),
  );

  app.delete(
    '/workspace/api-keys/:id',
    { config: { role: 'admin' }, schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: z.object({ id: z.uuid('id must be a UUID') }) } },
    async (req, reply) => {
      await revokeApiKey(req.ctx, { id: req.params.id });
      return reply.status(204).send();
    },
  );
}
