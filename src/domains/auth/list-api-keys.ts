import { and, desc, eq, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { assertActorRole } from '../workspaces/index.js';
import { apiKeys, users } from './auth.tables.js';

/** What the API shows of an API key: never the key, never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The public part of the key (`lf_<prefix>_…`), to recognise it. */
  prefix: string;
  role: 'admin' | 'member' | 'viewer';
  createdAt: Date;
  lastUsedAt: Date | null;
  /** User id of the creator; null when another API key created it or the user was deleted. */
  createdBy: string | null;
  createdByEmail: string | null;
}

export const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  createdBy: apiKeys.createdBy,
  createdByEmail: users.email,
};

/** The workspace's active (not revoked) API keys, newest first (admin). */
export async function listApiKeys(ctx: Ctx): Promise<ApiKeyView[]> {
  const workspaceId = requireWorkspaceId(ctx);
  assertActorRole(ctx, 'admin', 'see API keys');
  return ctx.db
    .select(apiKeyColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
