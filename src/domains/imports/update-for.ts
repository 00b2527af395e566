import { normalizeLead, stampProvenance, stateOf, type CustomFieldDef, type LeadPatch, type LeadRow } from '../leads/index.js';
import type { ImportOptions } from './import-input.js';

/** What a chunk writer needs to know about its import. */
export interface ImportRef {
  id: string;
  sourceId: number;
  listId: string | null;
  options: ImportOptions;
  customFields: CustomFieldDef[];
}

/**
 * The update of an existing lead (`update`: overwrite; `merge`: only its empty fields), or null
 * when nothing changes: the columns to set, their values before (for undo) and the timeline's
 * field changes. Pure. Tags are always added to the lead's, never replaced.
 */
export function updateFor(lead: LeadRow, patch: LeadPatch, imp: ImportRef, now: Date) {
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
