import { and, eq, isNull } from 'drizzle-orm';
import { requireUserId, type Ctx } from '../../core/context.js';
import { conflict, DomainError, notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { hashToken } from '../auth/tokens.js';
import { assertInvitationOpen } from './invitation-view.js';
import type { MyWorkspace } from './list-my-workspaces.js';
import { lockWorkspace } from './owner-guard.js';
import { invitations, memberships } from './workspaces.tables.js';

/**
 * The signed-in user joins the invitation's workspace with the invited role. The link is a
 * single-use capability delivered to the invited mailbox, so the account accepting it may use
 * another address (people sign up with the address they prefer); the audit event keeps both.
 */
export async function acceptInvitation(ctx: Ctx, input: { token: string }): Promise<{ workspace: MyWorkspace }> {
  const userId = requireUserId(ctx);
  const tokenHash = hashToken(input.token);
  return withTransaction(ctx, async (tx) => {
    const [inv] = await tx.db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
    if (!inv) throw notFound('Invitation');
    const ws = await lockWorkspace(tx, inv.workspaceId);
    assertInvitationOpen(tx, inv);
    const [already] = await tx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, userId)))
      .limit(1);
    if (already) throw conflict(`You are already a member of ${ws.name}`);

    const now = tx.clock.now();
    // Single use even under a race: only one transaction flips accepted_at from null.
    const spent = await tx.db
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (spent.length === 0) throw new DomainError('GONE', 'This invitation has already been used');
    await tx.db.insert(memberships).values({ workspaceId: inv.workspaceId, userId, role: inv.role, createdAt: now });
    await recordAudit(tx, {
      action: 'invitation.accepted',
      workspaceId: inv.workspaceId,
      targetType: 'invitation',
      targetId: inv.id,
      metadata: { email: inv.email, role: inv.role },
    });
    return { workspace: { id: ws.id, name: ws.name, role: inv.role } };
  });
}
