import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { assertRole } from '../../core/roles.js';
import { parseInput } from '../../core/validate.js';
// The tables file, not auth's index: auth's verbs record audit events (an import cycle otherwise).
import { users } from '../auth/auth.tables.js';
import { auditEvents } from './audit.tables.js';

export const AUDIT_PAGE_MAX = 200;

const inputSchema = z.object({
  limit: z.coerce.number().int('limit must be an integer').min(1, 'limit must be at least 1').max(AUDIT_PAGE_MAX, `limit is at most ${AUDIT_PAGE_MAX}`).default(50),
  /** The id of the last event of the previous page. */
  cursor: z.coerce.number().int('cursor must be an event id').positive('cursor must be an event id').optional(),
  /** An exact action (`member.removed`) or a prefix ending in `*` (`member.*`). */
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]+\*?$/, 'action is an action name such as member.removed, or a prefix such as member.*')
    .max(100)
    .optional(),
});

export interface AuditEventView {
  id: number;
  action: string;
  actorType: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The current workspace's audit log, newest first, one keyset page at a time (admin). Pages
 * follow the (workspace_id, id) index backwards, so deep pages cost the same as the first.
 */
export async function listAuditEvents(
  ctx: Ctx,
  input: { limit?: unknown; cursor?: unknown; action?: unknown } = {},
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  if (ctx.actor.type !== 'system') assertRole(ctx.actor.role, 'admin', 'read the audit log');
  const { limit, cursor, action } = parseInput(inputSchema, input);

  const where: SQL[] = [eq(auditEvents.workspaceId, workspaceId)];
  if (cursor !== undefined) where.push(lt(auditEvents.id, cursor));
  if (action) where.push(action.endsWith('*') ? like(auditEvents.action, `${action.slice(0, -1).replace(/_/g, '\\_')}%`) : eq(auditEvents.action, action));

  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorType: auditEvents.actorType,
      actorUserId: auditEvents.actorUserId,
      actorEmail: users.email,
      actorApiKeyId: auditEvents.actorApiKeyId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      metadata: auditEvents.metadata,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);

  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? String(items[items.length - 1]!.id) : null;
  return { items, nextCursor };
}
