import type { Command } from 'commander';
import { runWithRuntime } from '../run-command.js';
import { serve } from '../../../main/serve.js';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('run the API, the job worker and the web UI (what `npm start` runs)')
    .option('--port <port>', 'port to listen on (PORT)')
    .option('--host <host>', 'address to bind (HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      if (opts.port) process.env.PORT = opts.port;
      if (opts.host) process.env.HOST = opts.host;
      await runWithRuntime(
        async (rt) => {
          const app = await serve(rt);
          const stop = async (signal: string) => {
            rt.log.info(`${signal} received, shutting down`);
            await app.close();
            await rt.close();
            process.exit(0);
          };
          process.once('SIGINT', () => void stop('SIGINT'));
          process.once('SIGTERM', () => void stop('SIGTERM'));
        },
        { keepOpen: true },
      );
    });
}
