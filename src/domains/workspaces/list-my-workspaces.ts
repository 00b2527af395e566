import { asc, eq } from 'drizzle-orm';
import { requireUserId, type Ctx } from '../../core/context.js';
import type { Role } from '../../core/roles.js';
import { memberships, workspaces } from './workspaces.tables.js';

export interface MyWorkspace {
  id: string;
  name: string;
  role: Role;
}

/** Every workspace the signed-in user belongs to, with their role there; oldest membership first, as /auth/me lists them. */
export async function listMyWorkspaces(ctx: Ctx): Promise<MyWorkspace[]> {
  const userId = requireUserId(ctx);
  return ctx.db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.workspaceId));
}
