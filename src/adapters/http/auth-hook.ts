import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../core/context.js';
import { forbidden, unauthenticated } from '../../core/errors.js';
import { assertRole } from '../../core/roles.js';
import { resolveBearer } from '../../domains/auth/index.js';

/**
 * Runs before validation on every route: resolves the bearer credential into the request's
 * context, then enforces the route's `auth` and `role` (secure by default: a route that says
 * nothing needs a workspace member, and a member or above for writes).
 */
export async function authenticateRequest(request: FastifyRequest, baseCtx: Ctx) {
  const from = { ip: request.ip, userAgent: request.headers['user-agent'] };
  request.ctx = { ...baseCtx, log: request.log as Ctx['log'], requestId: request.id, actor: { type: 'anonymous', ...from } };

  // Unknown routes answer 404 whoever asks.
  if (!request.routeOptions.url) return;
  const config = request.routeOptions.config ?? {};
  const auth = config.auth ?? 'workspace';

  const header = request.headers.authorization;
  if (header) {
    try {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthenticated('Authorization header must be "Bearer <token>"');
      const resolved = await resolveBearer(request.ctx, m[1]!, from);
      request.ctx = { ...request.ctx, actor: resolved.actor, workspaceId: resolved.workspaceId };
      request.sessionId = resolved.sessionId;
    } catch (e) {
      // A stale credential must not lock anyone out of public routes (log-out with an expired
      // access token still clears the cookie); protected routes refuse it.
      if (auth !== 'public') throw e;
    }
  }
  if (request.ctx.workspaceId) {
    request.log = request.log.child({ workspace_id: request.ctx.workspaceId });
    request.ctx.log = request.log as Ctx['log'];
  }
  if (auth === 'public') return;
  const actor = request.ctx.actor;
  if (actor.type === 'anonymous') throw unauthenticated();
  if (auth === 'user') {
    if (actor.type !== 'user') throw forbidden('This route needs a signed-in user, not an API key');
    if (config.role) assertRole(actor.role, config.role);
    return;
  }
  if (!request.ctx.workspaceId) throw forbidden('You are not a member of this workspace');
  const method = request.method.toUpperCase();
  const minRole = config.role ?? (method === 'GET' || method === 'HEAD' ? 'viewer' : 'member');
  assertRole(actor.role, minRole);
}
