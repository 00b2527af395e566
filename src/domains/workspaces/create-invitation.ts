import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { conflict, DomainError, forbidden, isUniqueViolation } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { users } from '../auth/auth.tables.js';
import { emailSchema } from '../auth/email.js';
import { hashToken, newOpaqueToken } from '../auth/tokens.js';
import { invitationMail } from './invitation-mail.js';
import { INVITABLE_ROLES, INVITATION_TTL_MS, type InvitationView } from './invitation-view.js';
import { lockWorkspace } from './owner-guard.js';
import { actorOutranksOrEquals, assertActorRole } from './permissions.js';
import { invitations, memberships } from './workspaces.tables.js';

const inputSchema = z.object({
  email: emailSchema,
  role: z.enum(INVITABLE_ROLES, { error: `role must be one of ${INVITABLE_ROLES.join(', ')}` }),
});

/**
 * Invites an email address into the current workspace (admin) and mails the link. Re-inviting
 * an address that has an open invitation replaces it (the old link stops working). The token
 * exists only in the mail; the database keeps its hash.
 */
export async function createInvitation(ctx: Ctx, input: { email: string; role: string }): Promise<InvitationView> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'invite members');
  const { email, role } = parseInput(inputSchema, input);
  if (!actorOutranksOrEquals(ctx, role)) throw forbidden(`You cannot invite someone as ${role}, a role above your own`);

  const token = newOpaqueToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  let created;
  try {
    created = await withTransaction(ctx, async (tx) => {
      const ws = await lockWorkspace(tx, workspaceId);
      const [member] = await tx.db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, email)))
        .limit(1);
      if (member) throw conflict(`${email} is already a member of this workspace`);
      const replaced = await tx.db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .returning({ id: invitations.id });
      const [inv] = await tx.db
        .insert(invitations)
        .values({ workspaceId, email, role, tokenHash: hashToken(token), invitedBy: ctx.actor.userId ?? null, expiresAt, createdAt: now })
        .returning();
      await recordAudit(tx, { action: 'invitation.created', targetType: 'invitation', targetId: inv!.id, metadata: { email, role, replaced: replaced.length } });
      const [inviter] = ctx.actor.userId ? await tx.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.actor.userId)) : [];
      return { inv: inv!, workspaceName: ws.name, inviter: inviter ?? null };
    });
  } catch (e) {
    // The partial unique index: another admin invited this address in the same instant.
    if (isUniqueViolation(e, 'invitations_open_email_idx')) throw conflict(`An invitation for ${email} was just created; reload the list`);
    throw e;
  }

  const { inv, workspaceName, inviter } = created;
  const link = `${ctx.config.publicUrl}/invite/${token}`;
  try {
    await ctx.services.mailer.send(invitationMail({ to: email, workspaceName, inviter: inviter && (inviter.name || inviter.email), role, link, expiresAt }));
  } catch (e) {
    // Without the mail the token is lost for good (only its hash is stored): withdraw the invitation.
    await ctx.db.update(invitations).set({ revokedAt: ctx.clock.now() }).where(eq(invitations.id, inv.id));
    ctx.log.warn({ invitationId: inv.id, err: (e as Error).message }, 'invitation mail could not be sent');
    throw new DomainError('UNAVAILABLE', 'The invitation mail could not be sent; check the mail settings (SMTP_URL) and try again', { cause: e });
  }
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    invitedBy: inv.invitedBy,
    invitedByEmail: inviter?.email ?? null,
    expiresAt: inv.expiresAt,
    createdAt: inv.createdAt,
  };
}
