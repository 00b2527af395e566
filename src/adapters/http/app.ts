import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import type { Config } from '../../core/config.js';
import type { Ctx, Services } from '../../core/context.js';
import type { Logger } from '../../core/logger.js';
import type { Database } from '../db/client.js';
import { authenticateRequest } from './auth-hook.js';
import { errorHandler } from './errors.js';
import { routeModules } from './routes/index.js';
import type { App } from './types.js';

export interface AppDeps {
  database: Database;
  config: Config;
  log: Logger;
  clock: Clock;
  services: Services;
  /** Shared store for rate limits across processes (REDIS_URL). */
  redis?: Redis;
  /** Extra readiness checks (queue connection…), by name. */
  readinessChecks?: Record<string, () => Promise<void>>;
  /** Directory of the built web UI; defaults to web/dist. */
  webDir?: string;
}

export const API_PREFIX = '/api/v1';
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: deps.config.maxBodyBytes,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Fastify's own request log prints the full URL; links in mails carry one-time tokens in
    // their query strings, so we log our own line with the path only (see onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    request.log[level](
      { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine and the API docs inject style tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, { secret: deps.config.secret });
  await app.register(rateLimit, {
    global: false,
    redis: deps.redis,
    nameSpace: 'leadforge-rl:',
    errorResponseBuilder: (_req, ctx) => {
      const err = new Error(`Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`) as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Leadforge API', version: '1', description: 'Self-hosted B2B prospecting platform' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Access token (JWT) or API key (lf_…)' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  const baseCtx: Ctx = {
    db: deps.database.db,
    inTransaction: false,
    config: deps.config,
    log: deps.log,
    clock: deps.clock,
    services: deps.services,
    actor: { type: 'anonymous' },
  };
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('sessionId', undefined);
  app.addHook('onRequest', async (request) => {
    // The docs and the static UI are public and need no context.
    if (!request.url.startsWith('/api/') && !['/health', '/ready'].includes(request.url.split('?')[0]!)) return;
    await authenticateRequest(request, baseCtx);
  });

  app.get('/health', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    let ok = true;
    const all = { database: () => deps.database.ping(), ...deps.readinessChecks };
    for (const [name, check] of Object.entries(all)) {
      try {
        await withTimeout(check(), 2000);
        checks[name] = 'ok';
      } catch (e) {
        ok = false;
        checks[name] = `error: ${(e as Error).message}`;
      }
    }
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
  });

  await app.register(
    async (api) => {
      for (const register of routeModules) await register(api as unknown as App);
    },
    { prefix: API_PREFIX },
  );

  await registerWebUi(app as unknown as App, deps.webDir ?? DEFAULT_WEB_DIR);
  return app as unknown as App;
}

/** Serves the built React app; unknown non-API paths get index.html (client-side routing). */
async function registerWebUi(app: App, webDir: string) {
  const hasUi = existsSync(`${webDir}/index.html`);
  if (hasUi) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasUi) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) return reply.status(503).type('text/plain').send('The web UI is not built. Run `npm run build:web` (npm start does it for you).');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
