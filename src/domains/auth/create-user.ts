import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { conflict, isUniqueViolation } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { createWorkspace, workspaceNameSchema } from '../workspaces/index.js';
import { users } from './auth.tables.js';
import { emailSchema } from './email.js';
import { hashPassword, newPasswordSchema } from './password.js';
import type { UserRow, WorkspaceView } from './views.js';

export const userNameSchema = z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(100, 'Name is at most 100 characters');

export const createUserInput = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: userNameSchema,
  /** Defaults to "<name>'s workspace". */
  workspaceName: workspaceNameSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/**
 * Creates an account and its first workspace, the user as owner. Used by sign-up and by the
 * `leadforge user create` command. An email already in use is a CONFLICT.
 */
export async function createUser(ctx: Ctx, raw: CreateUserInput, via: 'signup' | 'cli' = 'signup'): Promise<{ user: UserRow; workspace: WorkspaceView }> {
  const input = parseInput(createUserInput, raw);
  // Hashing takes tens of ms of CPU: do it before the transaction holds a connection.
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTransaction(ctx, async (tx) => {
      const [inserted] = await tx.db.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
      // On sign-up the new user is the actor of what follows; on the CLI it stays the system.
      const actorCtx: Ctx = tx.actor.type === 'anonymous' ? { ...tx, actor: { ...tx.actor, type: 'user', userId: inserted!.id } } : tx;
      const ws = await createWorkspace(actorCtx, { name: input.workspaceName ?? defaultWorkspaceName(input.name), ownerUserId: inserted!.id });
      const [user] = await tx.db.update(users).set({ lastWorkspaceId: ws.id }).where(eq(users.id, inserted!.id)).returning();
      await recordAudit(actorCtx, { action: 'user.registered', workspaceId: ws.id, targetType: 'user', targetId: user!.id, metadata: { via } });
      return { user: user!, workspace: { id: ws.id, name: ws.name, role: 'owner' as const } };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'users_email_idx')) throw conflict('An account with this email already exists');
    throw e;
  }
}

const defaultWorkspaceName = (name: string) => `${name}'s workspace`.slice(0, 100);
