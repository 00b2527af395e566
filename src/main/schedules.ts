import { hostname } from 'node:os';
import { Cron } from 'croner';
import { lt } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { resetMonthlyCredits } from '../domains/credits/index.js';
import { diskUploadStore } from '../adapters/files/disk-upload-store.js';
import { sweepUploads } from '../domains/imports/index.js';
import { purgeExpiredDeletedLeads, vacuumLeadsWhenNeeded } from '../domains/leads/index.js';
import { claimScheduledSlot, finishScheduledRun, scheduledRuns, slotClaimed } from '../domains/jobs/index.js';

/** Periodic work of the whole installation, run by whichever worker process claims the slot. */
export interface ScheduledTask {
  name: string;
  /** Cron pattern, UTC (seconds optional). */
  pattern: string;
  /** On start-up, run the latest slot if no process ran it (the installation was down then). */
  catchUp: boolean;
  run(ctx: Ctx, slot: Date): Promise<unknown>;
}

/** Expiry of cached data: domains with caches (verification, catch-all probes, provider answers) add theirs here. */
export const cacheExpirers: Array<(ctx: Ctx, now: Date) => Promise<number>> = [
  async (ctx, now) => {
    const cutoff = new Date(now.getTime() - 90 * 86_400_000);
    const gone = await ctx.db.delete(scheduledRuns).where(lt(scheduledRuns.slot, cutoff)).returning({ name: scheduledRuns.name });
    return gone.length;
  },
];

export const scheduledTasks: ScheduledTask[] = [
  {
    // Uploaded files of completed imports, and abandoned ones after a day (see sweepUploads).
    name: 'imports.sweep-uploads',
    pattern: '7 * * * *',
    catchUp: false,
    run: (ctx, slot) => sweepUploads(ctx, { uploads: diskUploadStore(ctx.config.dataDir, 0) }, { now: slot }),
  },
  {
    // Each workspace has its own reset date (one month after the last); hourly catches every one.
    name: 'credits.monthly-reset',
    pattern: '0 * * * *',
    catchUp: true,
    run: (ctx, slot) => resetMonthlyCredits(ctx, { now: slot }),
  },
  {
    // Soft-deleted leads stay restorable for 30 days, then go for good.
    name: 'leads.purge-deleted',
    pattern: '23 3 * * *',
    catchUp: true,
    run: (ctx) => purgeExpiredDeletedLeads(ctx),
  },
  {
    // Marks the pages imports and bulk writes left all-visible, so counts stay index-only (what autovacuum does where it runs).
    name: 'leads.vacuum',
    pattern: '*/10 * * * *',
    catchUp: false,
    run: (ctx) => vacuumLeadsWhenNeeded(ctx),
  },
  {
    name: 'cache.expire',
    pattern: '*/15 * * * *',
    catchUp: false,
    async run(ctx, slot) {
      let removed = 0;
      for (const expire of cacheExpirers) removed += await expire(ctx, slot);
      return { removed };
    },
  },
];

export interface SchedulerOptions {
  tasks?: ScheduledTask[];
  /** Names this process in the claims. */
  owner?: string;
  /** A claimed slot whose run never finished (process died) may be run again after this. */
  takeOverAfterMs?: number;
}

export interface Scheduler {
  /** Runs one slot of a task now, if this process wins it; true when it ran. */
  runSlot(task: ScheduledTask, slot: Date): Promise<boolean>;
  stop(): void;
}

/**
 * One cron timer per task in every worker process; the database claim (name, slot) makes each
 * slot run once across all of them.
 */
export function startScheduler(ctx: Ctx, options: SchedulerOptions = {}): Scheduler {
  const tasks = options.tasks ?? scheduledTasks;
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const takeOverAfterMs = options.takeOverAfterMs ?? 30 * 60_000;
  const log = ctx.log.child({ component: 'scheduler' });

  const runSlot = async (task: ScheduledTask, slot: Date): Promise<boolean> => {
    if (!(await claimScheduledSlot(ctx, { name: task.name, slot, owner, takeOverAfterMs }))) return false;
    try {
      const result = await task.run(ctx, slot);
      await finishScheduledRun(ctx, { name: task.name, slot, owner });
      log.info({ task: task.name, slot, result }, 'scheduled task ran');
    } catch (err) {
      log.error({ err, task: task.name, slot }, 'scheduled task failed');
      await finishScheduledRun(ctx, { name: task.name, slot, owner, error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    }
    return true;
  };

  const crons = tasks.map((task) => {
    const cron: Cron = new Cron(task.pattern, { timezone: 'UTC', protect: true }, async () => {
      // The slot is the scheduled time, not the (slightly later) firing time: the same in every process.
      const slot = cron.previousRuns(1, new Date(Date.now() + 1))[0];
      if (slot) await runSlot(task, slot).catch((err) => log.error({ err, task: task.name }, 'could not claim a scheduled slot'));
    });
    return { task, cron };
  });

  void (async () => {
    for (const { task, cron } of crons) {
      if (!task.catchUp) continue;
      const slot = cron.previousRuns(1, new Date())[0];
      try {
        if (slot && !(await slotClaimed(ctx, { name: task.name, slot }))) await runSlot(task, slot);
      } catch (err) {
        log.error({ err, task: task.name }, 'could not catch up a scheduled task');
      }
    }
  })();

  return {
    runSlot,
    stop() {
      for (const { cron } of crons) cron.stop();
    },
  };
}
