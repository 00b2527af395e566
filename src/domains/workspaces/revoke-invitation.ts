import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { conflict, notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { assertActorRole } from './permissions.js';
import { invitations } from './workspaces.tables.js';

const inputSchema = z.object({ id: z.uuid('id must be a UUID') });

/**
 * Withdraws an invitation (admin) so its link stops working. Revoking twice is harmless; an
 * invitation that was already accepted cannot be revoked (remove the member instead).
 */
export async function revokeInvitation(ctx: Ctx, input: { id: string }): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'revoke invitations');
  const { id } = parseInput(inputSchema, input);
  await withTransaction(ctx, async (tx) => {
    const [inv] = await tx.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)))
      .for('update');
    if (!inv) throw notFound('Invitation');
    if (inv.acceptedAt) throw conflict('This invitation was already accepted; remove the member instead');
    if (inv.revokedAt) return;
    await tx.db
      .update(invitations)
      .set({ revokedAt: tx.clock.now() })
      .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)));
    await recordAudit(tx, { action: 'invitation.revoked', targetType: 'invitation', targetId: id, metadata: { email: inv.email, role: inv.role } });
  });
}
