import type { Ctx } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { users } from '../auth/auth.tables.js';
import { invitations } from './workspaces.tables.js';

export const INVITABLE_ROLES = ['admin', 'member', 'viewer'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationView {
  id: string;
  email: string;
  role: InvitableRole;
  /** User id of the inviter; null when an API key invited or the inviter was deleted. */
  invitedBy: string | null;
  invitedByEmail: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export const invitationColumns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  invitedBy: invitations.invitedBy,
  invitedByEmail: users.email,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
};

type InvitationState = Pick<typeof invitations.$inferSelect, 'acceptedAt' | 'revokedAt' | 'expiresAt'>;

/** Why an invitation can no longer be used (410), or nothing when it is still open. */
export function assertInvitationOpen(ctx: Ctx, inv: InvitationState) {
  if (inv.acceptedAt) throw new DomainError('GONE', 'This invitation has already been used');
  if (inv.revokedAt) throw new DomainError('GONE', 'This invitation was revoked; ask an admin of the workspace for a new one');
  if (inv.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    throw new DomainError('GONE', 'This invitation has expired; ask an admin of the workspace for a new one');
  }
}
