import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { findMember } from './member-view.js';
import { assertAnotherOwner, lockWorkspace } from './owner-guard.js';
import { assertActorRole, assertOwner, currentActorRole } from './permissions.js';
import { memberships } from './workspaces.tables.js';

const inputSchema = z.object({ userId: z.uuid('userId must be a UUID') });

/**
 * Removes a member from the current workspace: an admin removes others, anyone may leave.
 * Only an owner removes another owner, and the last owner can neither leave nor be removed.
 * The removed user's tokens stay valid but no longer reach this workspace (roles are read on
 * every request).
 */
export async function removeMember(ctx: Ctx, input: { userId: string }): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  const { userId } = parseInput(inputSchema, input);
  const leaving = ctx.actor.type === 'user' && ctx.actor.userId === userId;
  if (!leaving) assertActorRole(ctx, 'admin', 'remove other members');
  await withTransaction(ctx, async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const target = await findMember(tx, workspaceId, userId);
    if (!target) throw notFound('Member');
    if (target.role === 'owner') {
      if (!leaving) assertOwner(await currentActorRole(tx, workspaceId), 'Only an owner can remove another owner');
      await assertAnotherOwner(
        tx,
        workspaceId,
        userId,
        leaving ? 'You are the last owner of this workspace; make another member owner before leaving' : 'This is the last owner of the workspace; it cannot be removed',
      );
    }
    await tx.db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      action: 'member.removed',
      targetType: 'user',
      targetId: userId,
      metadata: { email: target.email, role: target.role, left: leaving },
    });
  });
}
