import { z } from 'zod';
import { ROLES } from '../../../core/roles.js';
import {
  changeMemberRole,
  createMyWorkspace,
  getCurrentWorkspace,
  listMembers,
  listMyWorkspaces,
  removeMember,
  renameWorkspace,
} from '../../../domains/workspaces/index.js';
import type { App } from '../types.js';

const role = z.enum(ROLES);
const myWorkspace = z.object({ id: z.uuid(), name: z.string(), role });
const currentWorkspace = z.object({ id: z.uuid(), name: z.string(), role: role.nullable() });
const member = z.object({ userId: z.uuid(), email: z.string(), name: z.string(), role, joinedAt: z.date() });
const nameBody = z.strictObject({ name: z.string() });
const userIdParams = z.object({ userId: z.uuid('userId must be a UUID') });

/** The user's workspaces, the current workspace, and its members. */
export async function workspacesRoutes(app: App) {
  app.get(
    '/workspaces',
    { config: { auth: 'user' }, schema: { tags: ['workspaces'], summary: 'Workspaces I belong to', response: { 200: z.object({ items: z.array(myWorkspace) }) } } },
    async (req) => ({ items: await listMyWorkspaces(req.ctx) }),
  );

  app.post(
    '/workspaces',
    { config: { auth: 'user' }, schema: { tags: ['workspaces'], summary: 'Create a workspace (you become its owner)', body: nameBody, response: { 201: myWorkspace } } },
    async (req, reply) => reply.status(201).send(await createMyWorkspace(req.ctx, req.body)),
  );

  app.get(
    '/workspace',
    { config: { role: 'viewer' }, schema: { tags: ['workspaces'], summary: 'The current workspace and my role in it', response: { 200: currentWorkspace } } },
    async (req) => getCurrentWorkspace(req.ctx),
  );

  app.patch(
    '/workspace',
    { config: { role: 'admin' }, schema: { tags: ['workspaces'], summary: 'Rename the current workspace', body: nameBody, response: { 200: currentWorkspace } } },
    async (req) => renameWorkspace(req.ctx, req.body),
  );

  app.get(
    '/workspace/members',
    { config: { role: 'viewer' }, schema: { tags: ['members'], summary: 'Members of the current workspace', response: { 200: z.object({ items: z.array(member) }) } } },
    async (req) => ({ items: await listMembers(req.ctx) }),
  );

  app.patch(
    '/workspace/members/:userId',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['members'],
        summary: "Change a member's role (only an owner grants or removes owner; the last owner stays)",
        params: userIdParams,
        body: z.strictObject({ role }),
        response: { 200: member },
      },
    },
    async (req) => changeMemberRole(req.ctx, { userId: req.params.userId, role: req.body.role }),
  );

  app.delete(
    '/workspace/members/:userId',
    {
      // Anyone may leave; removing someone else needs admin, which the verb checks.
      config: { role: 'viewer' },
      schema: { tags: ['members'], summary: 'Remove a member, or leave (your own user id)', params: userIdParams },
    },
    async (req, reply) => {
      await removeMember(req.ctx, { userId: req.params.userId });
      return reply.status(204).send();
    },
  );
}
