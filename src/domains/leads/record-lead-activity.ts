import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { leadActivities } from './leads.tables.js';

export const LEAD_ACTIVITY_TYPES = [
  'created', 'imported', 'fields_changed', 'stage_changed', 'verified', 'merged', 'merge_undone', 'exported', 'deleted', 'restored',
  'note_added', 'list_added', 'list_removed',
] as const;
export type LeadActivityType = (typeof LEAD_ACTIVITY_TYPES)[number];

export interface LeadActivityInput {
  leadId: string;
  type: LeadActivityType;
  sourceId?: number | null;
  data?: Record<string, unknown>;
}

/** Appends timeline entries for the context's actor (other domains: verified, merged, exported…). */
export async function recordLeadActivity(ctx: Ctx, entries: LeadActivityInput[]): Promise<void> {
  if (entries.length === 0) return;
  const workspaceId = requireWorkspaceId(ctx);
  const now = ctx.clock.now();
  // 8 columns per row: stay far below Postgres' 65,534 bind parameters per statement.
  for (let i = 0; i < entries.length; i += 2000) {
    await ctx.db.insert(leadActivities).values(
      entries.slice(i, i + 2000).map((e) => ({
        workspaceId,
        leadId: e.leadId,
        type: e.type,
        actorType: ctx.actor.type,
        actorUserId: ctx.actor.userId ?? null,
        actorApiKeyId: ctx.actor.apiKeyId ?? null,
        sourceId: e.sourceId ?? null,
        data: e.data ?? {},
        createdAt: now,
      })),
    );
  }
}
