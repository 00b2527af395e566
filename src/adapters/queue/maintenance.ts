import type { Ctx } from '../../core/context.js';
import { maintainJobs } from '../../domains/jobs/index.js';
import type { WorkerSettings } from './worker-settings.js';

/** Queues that can lose a message (Redis restarted, process died between commit and dispatch). */
const REDISPATCH_AFTER_MS = 60_000;

/** Runs the engine's maintenance every `maintenanceMs`, in every worker process. */
export function startMaintenance(ctx: Ctx, settings: WorkerSettings, options: { redispatch: boolean }): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await maintainJobs(ctx, { staleMs: settings.staleMs, redispatchAfterMs: options.redispatch ? Math.max(REDISPATCH_AFTER_MS, settings.staleMs) : 0 });
    } catch (err) {
      ctx.log.warn({ err }, 'job maintenance failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.maintenanceMs);
  void tick();
  return { stop: () => clearInterval(timer) };
}
