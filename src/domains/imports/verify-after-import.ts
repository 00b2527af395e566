import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { isDomainError } from '../../core/errors.js';
import { startJob, type ItemSeed } from '../jobs/index.js';
import { leads } from '../leads/index.js';
import { VERIFY_BULK_KIND } from '../verify/index.js';
import type { ImportOptions } from './import-input.js';
import { importChanges, imports } from './imports.tables.js';

const LEAD_BATCH = 5_000;

/**
 * Called in the transaction of every block's commit, after the block is written: when the
 * import asked for it (`verifyEmails`) and this is the last block (no other block of the job
 * pending), starts a `verify.bulk` job over the leads the import created or updated that have
 * an email, with their statuses written back to the leads. Blocks committing at the same time
 * queue on the import's row (locked by the block's counter update), so the last of them sees
 * the others done and starts it once. Not being able to start it (not enough credits) does
 * not fail the import: the reason is kept on the import (`verifyError`).
 */
export async function verifyAfterLastBlock(tx: Ctx, imp: { id: string; jobId: string; fileName: string; options: ImportOptions }): Promise<void> {
  if (!imp.options.verifyEmails) return;
  const workspaceId = requireWorkspaceId(tx);
  const [state] = await queryRows<{ open: boolean; started: boolean }>(
    tx.db,
    sql`select exists (select 1 from job_items where job_id = ${imp.jobId}::uuid and workspace_id = ${workspaceId}::uuid and status = 'pending') as open,
               exists (select 1 from imports where id = ${imp.id}::uuid and (verify_job_id is not null or verify_error is not null)) as started`,
  );
  if (!state || state.open || state.started) return;
  await tx.db.execute(sql`savepoint import_verify`);
  try {
    const job = await startJob(tx, {
      kind: VERIFY_BULK_KIND,
      payload: { skipSmtp: imp.options.verifySkipSmtp, writeToLeads: true, source: `import ${imp.fileName}`.slice(0, 200) },
      items: leadsOfImport(tx, imp.id),
    });
    await tx.db.execute(sql`release savepoint import_verify`);
    await tx.db.update(imports).set({ verifyJobId: job.id }).where(and(eq(imports.id, imp.id), eq(imports.workspaceId, workspaceId)));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await tx.db.execute(sql`rollback to savepoint import_verify`);
    await tx.db.update(imports).set({ verifyError: e.message.slice(0, 1000) }).where(and(eq(imports.id, imp.id), eq(imports.workspaceId, workspaceId)));
  }
}

/** Items for the live leads with an email the import created or updated (ref: the address; input: the lead id), in lead-id order. */
async function* leadsOfImport(ctx: Ctx, importId: string): AsyncIterable<ItemSeed[]> {
  const workspaceId = requireWorkspaceId(ctx);
  let after: string | undefined;
  for (;;) {
    const rows = await ctx.db
      .select({ id: leads.id, email: leads.emailNormalized })
      .from(importChanges)
      .innerJoin(leads, eq(leads.id, importChanges.leadId))
      .where(
        and(
          eq(importChanges.importId, importId),
          eq(importChanges.workspaceId, workspaceId),
          inArray(importChanges.action, ['created', 'updated']),
          eq(leads.workspaceId, workspaceId),
          isNull(leads.deletedAt),
          isNotNull(leads.emailNormalized),
          after ? gt(leads.id, after) : undefined,
        ),
      )
      .orderBy(asc(leads.id))
      .limit(LEAD_BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ref: r.email!, input: { leadId: r.id } }));
    after = rows[rows.length - 1]!.id;
  }
}
