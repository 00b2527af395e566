import { requireUserId, type Ctx } from '../../core/context.js';
import { createWorkspace } from './create-workspace.js';
import type { MyWorkspace } from './list-my-workspaces.js';

/** A signed-in user creates another workspace and becomes its owner. */
export async function createMyWorkspace(ctx: Ctx, input: { name: string }): Promise<MyWorkspace> {
  const ownerUserId = requireUserId(ctx);
  const ws = await createWorkspace(ctx, { name: input.name, ownerUserId });
  return { id: ws.id, name: ws.name, role: 'owner' };
}
