import { and, eq } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { headerKey } from './header-key.js';
import { importMappings } from './imports.tables.js';

/** Identifies a file layout by its column names (case, spacing and punctuation folded). */
export const columnsSignature = (headers: string[]) => headers.map(headerKey).join('|');

/** Saves the mapping a workspace chose for this layout. */
export async function rememberMapping(ctx: Ctx, headers: string[], mapping: { index: number; field: string | null }[]): Promise<void> {
  const workspaceId = requireWorkspaceId(ctx);
  const value = headers.map((header, index) => ({ header, field: mapping.find((m) => m.index === index)?.field ?? null }));
  await ctx.db
    .insert(importMappings)
    .values({ workspaceId, signature: columnsSignature(headers), mapping: value, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({ target: [importMappings.workspaceId, importMappings.signature], set: { mapping: value, updatedAt: ctx.clock.now() } });
}

/** The mapping last used in this workspace for a file with the same columns, if any. */
export async function recallMapping(ctx: Ctx, headers: string[]): Promise<(string | null)[] | null> {
  const [row] = await ctx.db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.workspaceId, requireWorkspaceId(ctx)), eq(importMappings.signature, columnsSignature(headers))))
    .limit(1);
  return row ? row.mapping.map((m) => m.field) : null;
}
