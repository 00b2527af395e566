import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { users } from '../auth/auth.tables.js';
import { invitationColumns, type InvitationView } from './invitation-view.js';
import { assertActorRole } from './permissions.js';
import { invitations } from './workspaces.tables.js';

/** Pending invitations of the current workspace (not accepted, not revoked, not expired), newest first. */
export async function listInvitations(ctx: Ctx): Promise<InvitationView[]> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'see invitations');
  return ctx.db
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}
