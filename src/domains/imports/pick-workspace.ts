import { eq, or } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { notFound, validationError } from '../../core/errors.js';
import { workspaces } from '../workspaces/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace a command-line import writes to: by id or name, or the only one there is. */
export async function pickWorkspace(ctx: Ctx, idOrName?: string): Promise<string> {
  if (idOrName) {
    const rows = await ctx.db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(UUID.test(idOrName) ? or(eq(workspaces.id, idOrName), eq(workspaces.name, idOrName)) : eq(workspaces.name, idOrName))
      .limit(2);
    if (rows.length === 0) throw notFound(`Workspace "${idOrName}"`);
    if (rows.length > 1) throw validationError(`Several workspaces are named "${idOrName}": give its id`);
    return rows[0]!.id;
  }
  const rows = await ctx.db.select({ id: workspaces.id }).from(workspaces).limit(2);
  if (rows.length === 1) return rows[0]!.id;
  throw validationError(rows.length === 0 ? 'There is no workspace yet: create one with `leadforge user create`' : 'Several workspaces exist: choose one with --workspace <id or name>');
}
