import type { Ctx } from '../../core/context.js';
import { auditEvents } from './audit.tables.js';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Defaults to ctx.workspaceId; null for events outside a workspace. */
  workspaceId?: string | null;
  /** Never secrets; ids and short facts only. */
  metadata?: Record<string, unknown>;
}

/** Appends one audit event for the context's actor (who, what, when, from where). */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await ctx.db.insert(auditEvents).values({
    workspaceId: input.workspaceId === undefined ? (ctx.workspaceId ?? null) : input.workspaceId,
    actorType: ctx.actor.type,
    actorUserId: ctx.actor.userId ?? null,
    actorApiKeyId: ctx.actor.apiKeyId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    ip: ctx.actor.ip ?? null,
    userAgent: ctx.actor.userAgent?.slice(0, 300) ?? null,
    metadata: input.metadata ?? {},
  });
}
