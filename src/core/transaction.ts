import type { Ctx } from './context.js';
import type { Db } from './db.js';

/**
 * Runs fn in a transaction. Inside an outer transaction it joins it, so use cases compose:
 * a verb that calls other verbs commits or rolls back as one.
 */
export async function withTransaction<T>(ctx: Ctx, fn: (txCtx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, inTransaction: true }));
}
