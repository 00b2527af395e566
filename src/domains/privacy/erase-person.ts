import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { queryRows } from '../../core/db.js';
import { withTransaction } from '../../core/transaction.js';
import { recordAudit } from '../audit/index.js';
import { importChanges, importErrors } from '../imports/index.js';
import { jobItems } from '../jobs/index.js';
import { erasedPeople, leadListItems, leadMerges, leads, personKeyHashes, recountListLeads } from '../leads/index.js';
import { verifyResultCache } from '../verify/index.js';
import { assertActorRole } from '../workspaces/index.js';
import { findPerson, type PersonInput } from './find-person.js';

const uuidArray = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/**
 * Erases a person from the workspace (GDPR): their leads (deleted ones too) with notes,
 * timeline and list memberships, merge snapshots that hold them, what imports recorded about
 * them (undo records, refused cells), job items naming them, and the cached verification of
 * their address. Keeps only keyed hashes of their identifiers (tombstones) so imports and
 * enrichment do not bring them back unless they are re-added on purpose. One transaction.
 */
export async function erasePerson(ctx: Ctx, input: PersonInput): Promise<{ erasureId: string; erasedLeads: number }> {
  assertActorRole(ctx, 'admin', 'erase a person');
  const workspaceId = requireWorkspaceId(ctx);
  return withTransaction(ctx, async (tx) => {
    const person = await findPerson(tx, input);
    const ids = person.leads.map((l) => l.id);
    const identifiers = [...person.emails, ...person.linkedinUrls].map((i) => i.toLowerCase());
    const erasureId = randomUUID();

    const snapshotMentions = identifiers.map((i) => sql`strpos(lower(${leadMerges.snapshot}::text), ${i}) > 0`);
    await tx.db
      .delete(leadMerges)
      .where(
        and(
          eq(leadMerges.workspaceId, workspaceId),
          or(...snapshotMentions, ...(ids.length ? [sql`${leadMerges.survivorId} = any(${uuidArray(ids)})`, sql`${leadMerges.mergedLeadIds} && ${uuidArray(ids)}`] : [])),
        ),
      );
    if (ids.length) {
      const memberships = await tx.db
        .select({ listId: leadListItems.listId })
        .from(leadListItems)
        .where(and(eq(leadListItems.workspaceId, workspaceId), inArray(leadListItems.leadId, ids)));
      // Notes, timeline and memberships go with the lead (foreign keys cascade).
      await tx.db.delete(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, ids)));
      await recountListLeads(tx, [...new Set(memberships.map((m) => m.listId))]);
      await tx.db.delete(importChanges).where(and(eq(importChanges.workspaceId, workspaceId), inArray(importChanges.leadId, ids)));
    }
    if (identifiers.length) {
      await tx.db
        .delete(importErrors)
        .where(and(eq(importErrors.workspaceId, workspaceId), inArray(sql`lower(${importErrors.value})`, identifiers)));
    }
    const refs = [...ids, ...person.emails];
    if (refs.length) {
      await queryRows(
        tx.db,
        sql`update ${jobItems} set ref = 'erased', input = null, result = null
             where ${jobItems.workspaceId} = ${workspaceId}::uuid and ${inArray(jobItems.ref, refs)}`,
      );
    }
    if (person.emails.length) await tx.db.delete(verifyResultCache).where(inArray(verifyResultCache.email, person.emails));

    const hashes = new Set([
      ...person.emails.flatMap((email) => personKeyHashes(tx.config.secret, { email })),
      ...person.linkedinUrls.flatMap((linkedinUrl) => personKeyHashes(tx.config.secret, { linkedinUrl })),
    ]);
    if (hashes.size) {
      await tx.db
        .insert(erasedPeople)
        .values([...hashes].map((keyHash) => ({ workspaceId, keyHash, erasureId, erasedBy: tx.actor.userId ?? null, createdAt: tx.clock.now() })))
        .onConflictDoNothing();
    }
    // No personal data in the audit log: the erasure id and counts only.
    await recordAudit(tx, { action: 'privacy.person_erased', targetType: 'erasure', targetId: erasureId, metadata: { leads: ids.length, identifiers: hashes.size } });
    return { erasureId, erasedLeads: ids.length };
  });
}
