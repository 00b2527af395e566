import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { recordAudit } from '../audit/index.js';
import { importChanges, importErrors } from '../imports/index.js';
import { getLead, leadActivities, leadMerges, leadNotes } from '../leads/index.js';
import { assertActorRole } from '../workspaces/index.js';
import { verifyResultCache } from '../verify/index.js';
import { findPerson, type PersonInput } from './find-person.js';

/**
 * Everything the workspace holds about one person (GDPR access request), as one JSON
 * document: their leads with provenance and lists, notes, timeline, merges that involved them,
 * what imports recorded about them, and the cached verification of their address.
 */
export async function exportPerson(ctx: Ctx, input: PersonInput) {
  assertActorRole(ctx, 'admin', "export a person's data");
  const workspaceId = requireWorkspaceId(ctx);
  const person = await findPerson(ctx, input);
  const ids = person.leads.map((l) => l.id);
  const none = ids.length === 0;
  const leadsOut = [];
  for (const id of ids) leadsOut.push(await getLead(ctx, id));
  const notes = none
    ? []
    : await ctx.db.select().from(leadNotes).where(and(eq(leadNotes.workspaceId, workspaceId), inArray(leadNotes.leadId, ids))).orderBy(asc(leadNotes.createdAt));
  const activity = none
    ? []
    : await ctx.db.select().from(leadActivities).where(and(eq(leadActivities.workspaceId, workspaceId), inArray(leadActivities.leadId, ids))).orderBy(asc(leadActivities.id));
  const identifiers = [...person.emails, ...person.linkedinUrls];
  const uuids = sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
  const mergeMatches = [
    ...identifiers.map((i) => sql`strpos(lower(${leadMerges.snapshot}::text), ${i.toLowerCase()}) > 0`),
    ...(none ? [] : [sql`${leadMerges.survivorId} = any(${uuids})`, sql`${leadMerges.mergedLeadIds} && ${uuids}`]),
  ];
  const merges = await ctx.db
    .select()
    .from(leadMerges)
    .where(and(eq(leadMerges.workspaceId, workspaceId), or(...mergeMatches)));
  const imported = none
    ? []
    : await ctx.db
        .select({ importId: importChanges.importId, leadId: importChanges.leadId, action: importChanges.action, before: importChanges.before, rowNumber: importChanges.rowNumber })
        .from(importChanges)
        .where(and(eq(importChanges.workspaceId, workspaceId), inArray(importChanges.leadId, ids)));
  const importProblems = identifiers.length
    ? await ctx.db
        .select({ importId: importErrors.importId, rowNumber: importErrors.rowNumber, column: importErrors.column, value: importErrors.value, problem: importErrors.problem })
        .from(importErrors)
        .where(and(eq(importErrors.workspaceId, workspaceId), inArray(sql`lower(${importErrors.value})`, identifiers.map((i) => i.toLowerCase()))))
    : [];
  const verifications = person.emails.length
    ? await ctx.db.select({ email: verifyResultCache.email, result: verifyResultCache.result, checkedAt: verifyResultCache.checkedAt }).from(verifyResultCache).where(inArray(verifyResultCache.email, person.emails))
    : [];
  await recordAudit(ctx, { action: 'privacy.person_exported', targetType: 'person', metadata: { leads: ids.length } });
  return {
    exportedAt: ctx.clock.now().toISOString(),
    identifiers: { emails: person.emails, linkedinUrls: person.linkedinUrls },
    leads: leadsOut,
    notes: notes.map((n) => ({ id: n.id, leadId: n.leadId, body: n.body, createdAt: n.createdAt.toISOString() })),
    activity: activity.map((a) => ({ id: a.id, leadId: a.leadId, type: a.type, data: a.data, createdAt: a.createdAt.toISOString() })),
    merges: merges.map((m) => ({ id: m.id, survivorId: m.survivorId, mergedLeads: m.snapshot.mergedLeads, createdAt: m.createdAt.toISOString(), undoneAt: m.undoneAt?.toISOString() ?? null })),
    imports: imported,
    importProblems,
    verifications: verifications.map((v) => ({ ...v, checkedAt: v.checkedAt.toISOString() })),
  };
}
