import { asc, eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { users } from '../auth/auth.tables.js';
import { memberColumns, type MemberView } from './member-view.js';
import { memberships } from './workspaces.tables.js';

/** Members of the current workspace, oldest first. */
export async function listMembers(ctx: Ctx): Promise<MemberView[]> {
  const workspaceId = requireWorkspaceId(ctx);
  return ctx.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}
