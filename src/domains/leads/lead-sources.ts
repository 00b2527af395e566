import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { leadSources } from './leads.tables.js';
import type { SourceRef, SourceView } from './provenance.js';

/** Edits through the API are `manual` (a signed-in user) or `api` (an API key). */
export function sourceForActor(actor: Actor): SourceRef {
  if (actor.type === 'user' && actor.userId) return { kind: 'manual', ref: actor.userId };
  if (actor.type === 'api_key' && actor.apiKeyId) return { kind: 'api', ref: actor.apiKeyId };
  return { kind: 'system', ref: '' };
}

/** Id of a source, created on first use. One indexed read in the common case. */
export async function ensureLeadSource(ctx: Ctx, source: SourceRef): Promise<number> {
  const workspaceId = requireWorkspaceId(ctx);
  const ref = source.ref ?? '';
  const find = async () => {
    const [row] = await ctx.db
      .select({ id: leadSources.id })
      .from(leadSources)
      .where(and(eq(leadSources.workspaceId, workspaceId), eq(leadSources.kind, source.kind), eq(leadSources.ref, ref)))
      .limit(1);
    return row?.id;
  };
  const existing = await find();
  if (existing !== undefined) return existing;
  const [inserted] = await ctx.db
    .insert(leadSources)
    .values({ workspaceId, kind: source.kind, ref, label: source.label ?? null })
    .onConflictDoNothing()
    .returning({ id: leadSources.id });
  return inserted?.id ?? (await find())!;
}

export async function loadSources(ctx: Ctx, ids: number[]): Promise<Map<number, SourceView>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: leadSources.id, kind: leadSources.kind, ref: leadSources.ref, label: leadSources.label })
    .from(leadSources)
    .where(and(eq(leadSources.workspaceId, requireWorkspaceId(ctx)), inArray(leadSources.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}
