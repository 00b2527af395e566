import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { actorOutranksOrEquals, assertActorRole } from '../workspaces/index.js';
import { apiKeys } from './auth.tables.js';

const inputSchema = z.object({ id: z.uuid('id must be a UUID') });

/**
 * Revokes an API key (admin); it stops authenticating at once. Nobody revokes a key whose role
 * is above their own. Revoking twice is harmless.
 */
export async function revokeApiKey(ctx: Ctx, input: { id: string }): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'revoke API keys');
  const { id } = parseInput(inputSchema, input);
  await withTransaction(ctx, async (tx) => {
    const [key] = await tx.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)))
      .for('update');
    if (!key) throw notFound('API key');
    if (!actorOutranksOrEquals(ctx, key.role)) throw forbidden(`You cannot revoke an API key with the role ${key.role}, above your own`);
    if (key.revokedAt) return;
    await tx.db
      .update(apiKeys)
      .set({ revokedAt: tx.clock.now() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)));
    await recordAudit(tx, { action: 'api_key.revoked', targetType: 'api_key', targetId: id, metadata: { name: key.name, role: key.role, prefix: key.prefix } });
  });
}
