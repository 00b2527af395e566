import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { assertRole, roleAtLeast, type Role } from '../../core/roles.js';
import { memberships } from './workspaces.tables.js';

/**
 * Role checks inside use cases. The HTTP layer already enforces each route's minimum role; the
 * verbs check again because they are also called from the CLI and jobs, and because some rules
 * (owner-only changes, API key ranks) depend on the input, not on the route.
 * The system actor (CLI, jobs) acts with full rights.
 */
export function assertActorRole(ctx: Ctx, min: Role, action: string) {
  if (ctx.actor.type === 'system') return;
  assertRole(ctx.actor.role, min, action);
}

/** True when the actor may hand out (or take back) `role`: nobody grants more than they hold. */
export function actorOutranksOrEquals(ctx: Ctx, role: Role) {
  return ctx.actor.type === 'system' || roleAtLeast(ctx.actor.role, role);
}

/**
 * The actor's role as stored right now. Read inside the workspace lock so that an owner who is
 * demoted concurrently cannot still act as owner. API keys have a fixed role; the system is owner.
 */
export async function currentActorRole(ctx: Ctx, workspaceId: string): Promise<Role | undefined> {
  if (ctx.actor.type === 'system') return 'owner';
  if (ctx.actor.type !== 'user' || !ctx.actor.userId) return ctx.actor.role;
  const [row] = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, ctx.actor.userId)))
    .limit(1);
  return row?.role;
}

export function assertOwner(role: Role | undefined, message: string) {
  if (role !== 'owner') throw forbidden(message);
}
