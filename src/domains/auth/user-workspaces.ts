import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { memberships, workspaces } from '../workspaces/index.js';
import type { UserRow, WorkspaceView } from './views.js';

const workspaceColumns = { id: workspaces.id, name: workspaces.name, role: memberships.role };

/** The user's role in one workspace, or null when they are not a member. */
export async function findMembership(ctx: Ctx, userId: string, workspaceId: string): Promise<WorkspaceView | null> {
  const [row] = await ctx.db
    .select(workspaceColumns)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** Every workspace the user belongs to, oldest membership first. */
export async function listMemberships(ctx: Ctx, userId: string): Promise<WorkspaceView[]> {
  return ctx.db
    .select(workspaceColumns)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.workspaceId));
}

/**
 * The workspace a new session opens in: the preferred one (the session's or the user's last)
 * while the user is still a member there, else their first membership, else none.
 */
export async function pickSessionWorkspace(ctx: Ctx, user: UserRow, preferred?: string | null): Promise<WorkspaceView | null> {
  for (const candidate of [preferred, user.lastWorkspaceId]) {
    if (!candidate) continue;
    const m = await findMembership(ctx, user.id, candidate);
    if (m) return m;
  }
  const [first] = await ctx.db
    .select(workspaceColumns)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.workspaceId))
    .limit(1);
  return first ?? null;
}
