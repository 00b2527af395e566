import { z } from 'zod';
import { ROLES } from '../../../core/roles.js';
import {
  acceptInvitation,
  createInvitation,
  getInvitationByToken,
  INVITABLE_ROLES,
  listInvitations,
  revokeInvitation,
} from '../../../domains/workspaces/index.js';
import type { App } from '../types.js';

const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(INVITABLE_ROLES),
  invitedBy: z.uuid().nullable(),
  invitedByEmail: z.string().nullable(),
  expiresAt: z.date(),
  createdAt: z.date(),
});
const tokenParams = z.object({ token: z.string().min(1).max(200) });
// The token is the only credential of the public routes: slow down anyone guessing.
const tokenRateLimit = { max: 30, timeWindow: '1 minute' };

/** Invitations: managed by admins of the workspace, looked up and accepted by the invitee. */
export async function invitationsRoutes(app: App) {
  app.get(
    '/workspace/invitations',
    { config: { role: 'admin' }, schema: { tags: ['invitations'], summary: 'Pending invitations', response: { 200: z.object({ items: z.array(invitation) }) } } },
    async (req) => ({ items: await listInvitations(req.ctx) }),
  );

  app.post(
    '/workspace/invitations',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['invitations'],
        summary: 'Invite someone by email (replaces an open invitation to the same address)',
        body: z.strictObject({ email: z.string(), role: z.enum(INVITABLE_ROLES) }),
        response: { 201: invitation },
      },
    },
    async (req, reply) => reply.status(201).send(await createInvitation(req.ctx, req.body)),
  );

  app.delete(
    '/workspace/invitations/:id',
    { config: { role: 'admin' }, schema: { tags: ['invitations'], summary: 'Revoke an invitation', params: z.object({ id: z.uuid('id must be a UUID') }) } },
    async (req, reply) => {
      await revokeInvitation(req.ctx, { id: req.params.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { auth: 'public', rateLimit: tokenRateLimit },
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation link offers (404 unknown, 410 expired, revoked or used)',
        params: tokenParams,
        response: { 200: z.object({ workspaceName: z.string(), email: z.string(), role: z.enum(INVITABLE_ROLES), expiresAt: z.date() }) },
      },
    },
    async (req) => getInvitationByToken(req.ctx, { token: req.params.token }),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { auth: 'user', rateLimit: tokenRateLimit },
      schema: {
        tags: ['invitations'],
        summary: 'Join the workspace of an invitation as the signed-in user',
        params: tokenParams,
        response: { 200: z.object({ workspace: z.object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES) }) }) },
      },
    },
    async (req) => acceptInvitation(req.ctx, { token: req.params.token }),
  );
}
