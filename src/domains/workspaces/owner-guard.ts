import { and, count, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { memberships, workspaces } from './workspaces.tables.js';

/**
 * Locks the workspace row until the transaction ends. Every change to memberships goes through
 * it, so two owners demoting each other at the same moment run one after the other and the
 * second sees that it would leave the workspace without an owner.
 */
export async function lockWorkspace(ctx: Ctx, workspaceId: string) {
  const [row] = await ctx.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
  if (!row) throw notFound('Workspace');
  return row;
}

/** Refuses a change that would leave the workspace without any owner. Call after lockWorkspace. */
export async function assertAnotherOwner(ctx: Ctx, workspaceId: string, leavingUserId: string, message: string) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner'), ne(memberships.userId, leavingUserId)));
  if (!row || Number(row.n) === 0) throw conflict(message);
}
