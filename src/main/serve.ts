import type { Runtime } from './runtime.js';
import { buildApp } from '../adapters/http/app.js';
import { startJobWorker } from './worker.js';

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
  // The job worker runs here unless LEADFORGE_EMBEDDED_WORKER=false (then `leadforge worker` processes do it).
  if (runtime.config.embeddedWorker) {
    const worker = await startJobWorker(runtime);
    app.addHook('onClose', async () => worker.stop(10_000));
  } else if (runtime.database.kind === 'pglite') {
    runtime.log.warn('LEADFORGE_EMBEDDED_WORKER=false with the embedded database: no other process can open it, so jobs will not run');
  }
  await app.listen({ host: runtime.config.host, port: runtime.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.config.port;
  runtime.log.info(`Leadforge is running at http://${runtime.config.host}:${port} (database: ${runtime.database.kind})`);
  return app;
}
