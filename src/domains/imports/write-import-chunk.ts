import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import {
  leadListItems,
  leads,
  normalizeLead,
  recordLeadActivity,
  recountListLeads,
  stampProvenance,
  stateOf,
  type CustomFieldDef,
  type LeadPatch,
  type LeadRow,
} from '../leads/index.js';
import type { ImportOptions } from './import-input.js';
import { importChanges, importErrors, imports } from './imports.tables.js';
import { matchKeys } from './match-keys.js';
import type { PreparedImportRow, RowError } from './prepare-import-rows.js';

export interface ChunkCounts {
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  duplicates: number;
}

interface ImportRef {
  id: string;
  sourceId: number;
  listId: string | null;
  options: ImportOptions;
  customFields: CustomFieldDef[];
}

const INSERT_BATCH = 500;

/**
 * Writes one chunk of prepared rows inside the chunk's transaction: new leads inserted,
 * matching leads skipped / updated / merged, what changed recorded for undo, list membership,
 * timeline, error rows and the import's counters. A row matching an earlier row of the file
 * (in this chunk or a committed one) counts as a duplicate.
 */
export async function writeImportChunk(ctx: Ctx, imp: ImportRef, rows: PreparedImportRow[], errors: RowError[]): Promise<ChunkCounts> {
  const workspaceId = requireWorkspaceId(ctx);
  const now = ctx.clock.now();
  const counts: ChunkCounts = { created: 0, updated: 0, skipped: 0, invalid: new Set(errors.map((e) => e.rowNumber)).size, duplicates: 0 };
  const existing = await findMatches(ctx, rows);
  const byKey = new Map<string, LeadRow>();
  for (const lead of existing) for (const key of matchKeys(lead, imp.options.matchOn)) byKey.set(key, lead);
  const touchedByImport = await leadsTouchedBy(ctx, imp.id, existing.map((l) => l.id));

  const seen = new Set<string>();
  const toInsert: (PreparedImportRow & { id: string })[] = [];
  const memberIds: string[] = [];
  const activity: Parameters<typeof recordLeadActivity>[1] = [];
  const changes: (typeof importChanges.$inferInsert)[] = [];
  for (const row of rows) {
    if (row.keys.some((k) => seen.has(k))) {
      counts.duplicates++;
      continue;
    }
    for (const k of row.keys) seen.add(k);
    const match = row.keys.map((k) => byKey.get(k)).find(Boolean);
    if (!match) {
      toInsert.push({ ...row, id: randomUUID() });
      continue;
    }
    if (touchedByImport.has(match.id)) {
      counts.duplicates++;
      continue;
    }
    touchedByImport.add(match.id);
    memberIds.push(match.id);
    const update = imp.options.dedupe === 'skip' ? null : updateFor(match, row.patch, imp, now);
    if (!update) {
      counts.skipped++;
      changes.push({ importId: imp.id, leadId: match.id, workspaceId, action: 'skipped', rowNumber: row.rowNumber });
      continue;
    }
    await ctx.db.update(leads).set(update.set).where(and(eq(leads.id, match.id), eq(leads.workspaceId, workspaceId)));
    changes.push({ importId: imp.id, leadId: match.id, workspaceId, action: 'updated', before: update.before, after: { updatedAt: now.toISOString() }, rowNumber: row.rowNumber });
    activity.push({ leadId: match.id, type: 'fields_changed', sourceId: imp.sourceId, data: { changes: update.changes } });
    counts.updated++;
  }

  for (let i = 0; i < toInsert.length; i += INSERT_BATCH) {
    const batch = toInsert.slice(i, i + INSERT_BATCH);
    const inserted = await ctx.db
      .insert(leads)
      .values(batch.map((r) => ({ ...r.prepared.row, id: r.id })))
      .onConflictDoNothing()
      .returning({ id: leads.id });
    const ok = new Set(inserted.map((r) => r.id));
    for (const r of batch) {
      if (!ok.has(r.id)) {
        counts.skipped++; // taken meanwhile by another writer
        continue;
      }
      counts.created++;
      memberIds.push(r.id);
      changes.push({ importId: imp.id, leadId: r.id, workspaceId, action: 'created', rowNumber: r.rowNumber });
      activity.push({ leadId: r.id, type: 'imported', sourceId: imp.sourceId, data: { fields: r.prepared.fields } });
    }
  }
  for (let i = 0; i < changes.length; i += 2000) await ctx.db.insert(importChanges).values(changes.slice(i, i + 2000)).onConflictDoNothing();
  await recordLeadActivity(ctx, activity);
  if (imp.listId && memberIds.length) {
    for (let i = 0; i < memberIds.length; i += 5000) {
      await ctx.db
        .insert(leadListItems)
        .values(memberIds.slice(i, i + 5000).map((leadId) => ({ listId: imp.listId!, leadId, workspaceId, addedBy: ctx.actor.userId ?? null })))
        .onConflictDoNothing();
    }
    await recountListLeads(ctx, [imp.listId]);
  }
  for (let i = 0; i < errors.length; i += 2000) {
    await ctx.db.insert(importErrors).values(
      errors.slice(i, i + 2000).map((e) => ({ importId: imp.id, workspaceId, rowNumber: e.rowNumber, column: e.column, value: e.value?.slice(0, 1000) ?? null, problem: e.problem })),
    );
  }
  await ctx.db
    .update(imports)
    .set({
      created: sql`${imports.created} + ${counts.created}`,
      updated: sql`${imports.updated} + ${counts.updated}`,
      skipped: sql`${imports.skipped} + ${counts.skipped}`,
      invalid: sql`${imports.invalid} + ${counts.invalid}`,
      duplicates: sql`${imports.duplicates} + ${counts.duplicates}`,
      updatedAt: now,
    })
    .where(and(eq(imports.id, imp.id), eq(imports.workspaceId, workspaceId)));
  return counts;
}

async function findMatches(ctx: Ctx, rows: PreparedImportRow[]): Promise<LeadRow[]> {
  const emails = new Set<string>();
  const linkedins = new Set<string>();
  const domains = new Set<string>();
  for (const r of rows) {
    for (const k of r.keys) {
      if (k.startsWith('e:')) emails.add(r.prepared.row.emailNormalized!);
      else if (k.startsWith('l:')) linkedins.add(r.prepared.row.linkedinUrl!);
      else if (k.startsWith('n:')) domains.add(r.prepared.row.companyDomain!);
    }
  }
  const conditions = [
    emails.size ? inArray(leads.emailNormalized, [...emails]) : undefined,
    linkedins.size ? inArray(leads.linkedinUrl, [...linkedins]) : undefined,
    domains.size ? inArray(leads.companyDomain, [...domains]) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  return ctx.db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), isNull(leads.deletedAt), or(...conditions)))
    .for('update');
}

async function leadsTouchedBy(ctx: Ctx, importId: string, leadIds: string[]): Promise<Set<string>> {
  if (leadIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ leadId: importChanges.leadId })
    .from(importChanges)
    .where(and(eq(importChanges.importId, importId), eq(importChanges.workspaceId, requireWorkspaceId(ctx)), inArray(importChanges.leadId, leadIds)));
  return new Set(rows.map((r) => r.leadId));
}

/** The update of an existing lead (`update`: overwrite; `merge`: only its empty fields), or null when nothing changes. */
function updateFor(lead: LeadRow, patch: LeadPatch, imp: ImportRef, now: Date) {
  const previous = stateOf(lead);
  const effective: Record<string, unknown> = { ...patch };
  if (patch.tags) effective.tags = [...new Set([...previous.tags, ...patch.tags])];
  if (imp.options.dedupe === 'merge') {
    for (const [field, value] of Object.entries(patch)) {
      if (field === 'tags' || field === 'custom') continue;
      const current = (lead as unknown as Record<string, unknown>)[camel(field)];
      if (current !== null && current !== undefined && current !== '' && value !== undefined) delete effective[field];
    }
    if (patch.custom) effective.custom = Object.fromEntries(Object.entries(patch.custom).filter(([k]) => previous.custom[k] == null));
  }
  const { state, changes } = normalizeLead(effective as LeadPatch, previous, { customFields: imp.customFields, now });
  const changed = Object.keys(changes);
  if (changed.length === 0) return null;
  const set: Record<string, unknown> = { updatedAt: now, provenance: stampProvenance(lead.provenance, changed, imp.sourceId, now) };
  const before: Record<string, unknown> = { provenance: lead.provenance };
  for (const [column, value] of Object.entries(state)) {
    const old = (previous as Record<string, unknown>)[column];
    if (JSON.stringify(old) !== JSON.stringify(value)) {
      set[column] = value;
      before[column] = old;
    }
  }
  return { set, before, changes };
}

const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
