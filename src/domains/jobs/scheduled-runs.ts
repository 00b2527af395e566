import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { tsParam } from './job-sums.js';
import { scheduledRuns } from './jobs.tables.js';

/**
 * Claims one slot of a schedule for this process. Exactly one of the processes racing for a
 * slot gets true; a claim whose run never finished (its process died) may be taken over once
 * `takeOverAfterMs` has passed.
 */
export async function claimScheduledSlot(ctx: Ctx, input: { name: string; slot: Date; owner: string; takeOverAfterMs: number }): Promise<boolean> {
  const now = ctx.clock.now();
  const rows = await queryRows<{ name: string }>(
    ctx.db,
    sql`insert into scheduled_runs (name, slot, owner, attempts, started_at)
        values (${input.name}, ${tsParam(input.slot)}, ${input.owner}, 1, ${tsParam(now)})
        on conflict (name, slot) do update
          set owner = excluded.owner, attempts = scheduled_runs.attempts + 1, started_at = excluded.started_at, error = null
          where scheduled_runs.finished_at is null
            and scheduled_runs.started_at < ${tsParam(new Date(now.getTime() - input.takeOverAfterMs))}
        returning name`,
  );
  return rows.length > 0;
}

export async function finishScheduledRun(ctx: Ctx, input: { name: string; slot: Date; owner: string; error?: string }): Promise<void> {
  await ctx.db
    .update(scheduledRuns)
    .set({ finishedAt: ctx.clock.now(), error: input.error?.slice(0, 2000) ?? null })
    .where(and(eq(scheduledRuns.name, input.name), eq(scheduledRuns.slot, input.slot), eq(scheduledRuns.owner, input.owner)));
}

/** Whether a slot was already claimed (finished or not), for catching up missed runs. */
export async function slotClaimed(ctx: Ctx, input: { name: string; slot: Date }): Promise<boolean> {
  const [row] = await ctx.db
    .select({ name: scheduledRuns.name })
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.name, input.name), eq(scheduledRuns.slot, input.slot)))
    .limit(1);
  return Boolean(row);
}
