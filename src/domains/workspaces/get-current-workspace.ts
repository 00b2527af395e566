import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { Role } from '../../core/roles.js';
import { workspaces } from './workspaces.tables.js';

export interface CurrentWorkspace {
  id: string;
  name: string;
  /** The actor's role here (an API key's own role); null for the system actor. */
  role: Role | null;
}

/** The workspace the request acts in, with the caller's role. */
export async function getCurrentWorkspace(ctx: Ctx): Promise<CurrentWorkspace> {
  const workspaceId = requireWorkspaceId(ctx);
  const [ws] = await ctx.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw notFound('Workspace');
  return { ...ws, role: ctx.actor.role ?? null };
}
