import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Config } from '../../core/config.js';
import { DomainError } from '../../core/errors.js';
import type { App } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Spend one unit of this per-workspace budget before the handler runs (after auth and
     * validation): `config: { workspaceLimit: 'jobStarts' }` on every route that starts a job.
     */
    workspaceLimit?: WorkspaceLimitName;
  }
}

/** A per-workspace budget of some kind of request, counted in fixed windows. */
export interface WorkspaceLimit {
  /** Counter name: routes that share a name share the budget (e.g. every route that starts a job). */
  name: string;
  /** Per window; a function reads it from the settings (LEADFORGE_RATE_LIMIT_*). */
  max: number | ((config: Config) => number);
  windowS: number;
  /** What is counted, for the message: "job starts". */
  what: string;
}

/**
 * The limits of the house. Job starts are counted across every route that starts a job (import,
 * verify, find, retry…); expensive endpoints (synchronous lookups, big exports) share another.
 */
export const WORKSPACE_LIMITS = {
  jobStarts: { name: 'job-starts', max: (c: Config) => c.rateLimits.jobStartsPerMinute, windowS: 60, what: 'job starts' },
  expensive: { name: 'expensive', max: (c: Config) => c.rateLimits.expensivePerMinute, windowS: 60, what: 'requests to expensive endpoints' },
} as const satisfies Record<string, WorkspaceLimit>;
export type WorkspaceLimitName = keyof typeof WORKSPACE_LIMITS;

const maxOf = (limit: WorkspaceLimit, config: Config) => (typeof limit.max === 'number' ? limit.max : limit.max(config));

type Limiter = ReturnType<App['createRateLimit']>;

// One limiter per (server, name): with Redis the count lives in Redis (shared by every process);
// without it, in this process's memory, shared by every route that uses the name.
const limiters = new WeakMap<object, Map<string, Limiter>>();

function limiterFor(app: App, limit: WorkspaceLimit): Limiter {
  let byName = limiters.get(app.server);
  if (!byName) limiters.set(app.server, (byName = new Map()));
  const key = `${limit.name}:${typeof limit.max === 'number' ? limit.max : 'config'}:${limit.windowS}`;
  let limiter = byName.get(key);
  if (!limiter) {
    limiter = app.createRateLimit({
      max: (req) => maxOf(limit, req.ctx.config),
      timeWindow: limit.windowS * 1000,
      keyGenerator: (req) => `ws:${req.ctx.workspaceId ?? 'none'}:${limit.name}`,
      // A Redis outage must not take the API down with it: count nothing rather than refuse all.
      skipOnError: true,
    });
    byName.set(key, limiter);
  }
  return limiter;
}

/**
 * A preHandler that spends one unit of the workspace's budget, or answers 429 RATE_LIMITED with
 * Retry-After and a message saying which limit was hit. Runs after authentication.
 */
export function workspaceRateLimit(app: App, limit: WorkspaceLimit) {
  const limiter = limiterFor(app, limit);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.ctx?.workspaceId) return;
    const r = await limiter(request);
    if (r.isAllowed) return;
    const max = maxOf(limit, request.ctx.config);
    reply.header('x-ratelimit-limit', String(max));
    reply.header('x-ratelimit-remaining', String(Math.max(0, r.remaining)));
    if (r.isExceeded) {
      const retryAfterS = Math.max(1, r.ttlInSeconds);
      throw new DomainError(
        'RATE_LIMITED',
        `Too many ${limit.what} in this workspace: at most ${max} per ${limit.windowS} s. Try again in ${retryAfterS} s.`,
        { retryAfterS, details: { limit: limit.name, max, windowS: limit.windowS } },
      );
    }
  };
}

/**
 * Route-module hook (first in routeModules): a route that declares `config.workspaceLimit`
 * gets that budget's preHandler after its own, so starting a job is limited by saying so.
 */
export async function workspaceLimitsByRouteConfig(app: App): Promise<void> {
  app.addHook('onRoute', (route) => {
    const name = route.config?.workspaceLimit;
    if (!name) return;
    const limit: preHandlerHookHandler = workspaceRateLimit(app, WORKSPACE_LIMITS[name]) as preHandlerHookHandler;
    const own = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [...own, limit];
  });
}
