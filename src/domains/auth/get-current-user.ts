import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireUserId } from '../../core/context.js';
import { unauthenticated } from '../../core/errors.js';
import { users } from './auth.tables.js';
import { listMemberships } from './user-workspaces.js';
import { toUserView, type UserView, type WorkspaceView } from './views.js';

export interface CurrentUser {
  user: UserView;
  /** The session's workspace, while the user is still a member of it. */
  workspace: WorkspaceView | null;
  workspaces: WorkspaceView[];
}

export async function getCurrentUser(ctx: Ctx): Promise<CurrentUser> {
  const userId = requireUserId(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw unauthenticated('This account no longer exists');
  const workspaces = await listMemberships(ctx, userId);
  return {
    user: toUserView(user),
    workspace: workspaces.find((w) => w.id === ctx.workspaceId) ?? null,
    workspaces,
  };
}
