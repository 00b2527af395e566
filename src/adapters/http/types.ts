import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../core/context.js';
import type { Role } from '../../core/roles.js';

/** Who may call a route. `workspace` (the default) needs a member of a workspace or an API key. */
export type RouteAuth = 'public' | 'user' | 'workspace';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    /** The refresh-token family of the access token, when a user signed in. */
    sessionId?: string;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Lowest role allowed. Defaults: viewer for GET/HEAD, member for writes. */
    role?: Role;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
