import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { forbidden, isUniqueViolation } from '../../core/errors.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { actorOutranksOrEquals, assertActorRole } from '../workspaces/index.js';
import { apiKeys, users } from './auth.tables.js';
import type { ApiKeyView } from './list-api-keys.js';
import { newApiKey } from './tokens.js';

export const API_KEY_ROLES = ['admin', 'member', 'viewer'] as const;

const inputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters'),
  role: z.enum(API_KEY_ROLES, { error: `role must be one of ${API_KEY_ROLES.join(', ')}` }),
});

/**
 * Creates a workspace API key (admin). The key is returned here once; only its SHA-256 is
 * stored. Nobody creates a key with a role above their own, so an API key cannot mint a
 * stronger one.
 */
export async function createApiKey(ctx: Ctx, input: { name: string; role: string }): Promise<{ apiKey: ApiKeyView; key: string }> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'create API keys');
  const { name, role } = parseInput(inputSchema, input);
  if (!actorOutranksOrEquals(ctx, role)) throw forbidden(`You cannot create an API key with the role ${role}, above your own (${ctx.actor.role})`);

  // The 8-character prefix is random; a collision is astronomically rare but costs one retry.
  for (let attempt = 1; ; attempt++) {
    const { key, prefix, keyHash } = newApiKey();
    try {
      const row = await withTransaction(ctx, async (tx) => {
        const [inserted] = await tx.db
          .insert(apiKeys)
          .values({ workspaceId, name, prefix, keyHash, role, createdBy: ctx.actor.userId ?? null, createdAt: tx.clock.now() })
          .returning();
        await recordAudit(tx, { action: 'api_key.created', targetType: 'api_key', targetId: inserted!.id, metadata: { name, role, prefix } });
        return inserted!;
      });
      const [creator] = row.createdBy ? await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, row.createdBy)) : [];
      const apiKey: ApiKeyView = {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        role: row.role,
        createdAt: row.createdAt,
        lastUsedAt: row.lastUsedAt,
        createdBy: row.createdBy,
        createdByEmail: creator?.email ?? null,
      };
      return { apiKey, key };
    } catch (e) {
      if (attempt < 3 && !ctx.inTransaction && isUniqueViolation(e, 'api_keys_prefix_idx')) continue;
      throw e;
    }
  }
}
