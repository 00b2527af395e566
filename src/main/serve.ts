import type { Runtime } from './runtime.js';
import { buildApp } from '../adapters/http/app.js';

/** API + worker + web UI in one process: what `npm start` runs. */
export async function serve(runtime: Runtime) {
  const app = await buildApp({
    database: runtime.database,
    config: runtime.config,
    log: runtime.log,
    clock: runtime.clock,
    services: runtime.services,
    redis: runtime.redis,
    readinessChecks: runtime.redis ? { redis: async () => void (await runtime.redis!.ping()) } : undefined,
  });
  await app.listen({ host: runtime.config.host, port: runtime.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.config.port;
  runtime.log.info(`Leadforge is running at http://${runtime.config.host}:${port} (database: ${runtime.database.kind})`);
  return app;
}
