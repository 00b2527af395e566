import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { ROLES } from '../../core/roles.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { findMember, type MemberView } from './member-view.js';
import { assertAnotherOwner, lockWorkspace } from './owner-guard.js';
import { assertActorRole, assertOwner, currentActorRole } from './permissions.js';
import { memberships } from './workspaces.tables.js';

const inputSchema = z.object({
  userId: z.uuid('userId must be a UUID'),
  role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
});

/**
 * Changes a member's role (admin). Only an owner grants or takes away the owner role, so an
 * admin can never change an owner; and the last owner cannot be demoted.
 */
export async function changeMemberRole(ctx: Ctx, input: { userId: string; role: string }): Promise<MemberView> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', "change members' roles");
  const { userId, role } = parseInput(inputSchema, input);
  return withTransaction(ctx, async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const target = await findMember(tx, workspaceId, userId);
    if (!target) throw notFound('Member');
    if (target.role === role) return target;
    if (target.role === 'owner' || role === 'owner') {
      assertOwner(await currentActorRole(tx, workspaceId), 'Only an owner can grant or take away the owner role');
    }
    if (target.role === 'owner') {
      await assertAnotherOwner(tx, workspaceId, userId, 'This is the last owner of the workspace; make another member owner first');
    }
    await tx.db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      metadata: { email: target.email, from: target.role, to: role },
    });
    return { ...target, role };
  });
}
