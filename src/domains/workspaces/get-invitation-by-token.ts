import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { hashToken } from '../auth/tokens.js';
import { assertInvitationOpen, type InvitableRole } from './invitation-view.js';
import { invitations, workspaces } from './workspaces.tables.js';

export interface InvitationPreview {
  workspaceName: string;
  email: string;
  role: InvitableRole;
  expiresAt: Date;
}

/**
 * What the invitation page shows before sign-up or sign-in. Public: the token is the only
 * credential, so an unknown token is 404 and a spent one 410.
 */
export async function getInvitationByToken(ctx: Ctx, input: { token: string }): Promise<InvitationPreview> {
  const [row] = await ctx.db
    .select({ inv: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(input.token)))
    .limit(1);
  if (!row) throw notFound('Invitation');
  assertInvitationOpen(ctx, row.inv);
  return { workspaceName: row.workspaceName, email: row.inv.email, role: row.inv.role, expiresAt: row.inv.expiresAt };
}
