import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { memberships, workspaces } from './workspaces.tables.js';

export const workspaceNameSchema = z.string().trim().min(1, 'Workspace name is required').max(100, 'Workspace name is at most 100 characters');

/** Creates a workspace with `ownerUserId` as its owner. */
export async function createWorkspace(ctx: Ctx, input: { name: string; ownerUserId: string }) {
  const name = parseInput(workspaceNameSchema, input.name);
  return withTransaction(ctx, async (tx) => {
    const [ws] = await tx.db.insert(workspaces).values({ name }).returning();
    await tx.db.insert(memberships).values({ workspaceId: ws!.id, userId: input.ownerUserId, role: 'owner' });
    await recordAudit({ ...tx, workspaceId: ws!.id }, { action: 'workspace.created', targetType: 'workspace', targetId: ws!.id });
    return ws!;
  });
}
