import type { Command } from 'commander';
import { runWithRuntime } from '../run-command.js';
import { startJobWorker } from '../../../main/worker.js';

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`--${name} must be an integer between 1 and 1000`);
    return n;
  };
}

export function registerWorker(program: Command) {
  program
    .command('worker')
    .description('run jobs only (scale-out): with REDIS_URL any number of workers share the chunks through BullMQ; without it they lease chunks from the database')
    .option('--concurrency <n>', 'CPU-bound chunks run at once by this process', positiveInt('concurrency'), 2)
    .option('--io-concurrency <n>', 'chunks of I/O-bound jobs (bulk verify, bulk find) run at once beside them', positiveInt('io-concurrency'), 8)
    .option('--no-scheduler', 'do not run scheduled tasks here (another process does)')
    .action(async (opts: { concurrency: number; ioConcurrency: number; scheduler: boolean }) => {
      await runWithRuntime(
        async (rt) => {
          if (rt.database.kind === 'pglite') {
            rt.log.warn('worker on the embedded database: it must be the only process using the data directory (serve runs its own worker)');
          }
          const worker = await startJobWorker(rt, { settings: { concurrency: opts.concurrency, ioConcurrency: opts.ioConcurrency }, scheduler: opts.scheduler });
          rt.log.info({ concurrency: opts.concurrency, ioConcurrency: opts.ioConcurrency, driver: rt.services.queue?.driver, database: rt.database.kind }, 'leadforge worker running');
          const stop = async (signal: string) => {
            rt.log.info(`${signal} received: finishing running chunks`);
            await worker.stop(30_000);
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
