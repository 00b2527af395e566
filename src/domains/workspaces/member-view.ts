import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { Role } from '../../core/roles.js';
// Leaf modules of auth, not its index: auth's index imports this domain's index (a cycle).
import { users } from '../auth/auth.tables.js';
import { memberships } from './workspaces.tables.js';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

export const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

/** One member of the workspace, or null when the user does not belong to it. */
export async function findMember(ctx: Ctx, workspaceId: string, userId: string): Promise<MemberView | null> {
  const [row] = await ctx.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}
