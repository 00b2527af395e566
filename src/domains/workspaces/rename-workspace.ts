import { eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { workspaceNameSchema } from './create-workspace.js';
import { getCurrentWorkspace, type CurrentWorkspace } from './get-current-workspace.js';
import { lockWorkspace } from './owner-guard.js';
import { workspaces } from './workspaces.tables.js';
import { assertActorRole } from './permissions.js';

/** Renames the current workspace (admin). Audited with the old and the new name. */
export async function renameWorkspace(ctx: Ctx, input: { name: string }): Promise<CurrentWorkspace> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'rename the workspace');
  const name = parseInput(workspaceNameSchema, input.name);
  return withTransaction(ctx, async (tx) => {
    const before = await lockWorkspace(tx, workspaceId);
    if (before.name !== name) {
      await tx.db.update(workspaces).set({ name, updatedAt: tx.clock.now() }).where(eq(workspaces.id, workspaceId));
      await recordAudit(tx, { action: 'workspace.renamed', targetType: 'workspace', targetId: workspaceId, metadata: { from: before.name, to: name } });
    }
    return getCurrentWorkspace(tx);
  });
}
