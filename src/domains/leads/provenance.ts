/**
 * Field provenance: for every field, which source last set it and when. Stored on the lead as
 * a compact jsonb map `{ "<field>": [sourceId, epochSeconds] }` (sourceId → lead_sources), so
 * that a 25-field lead carries ~0.5 kB rather than repeating source names and ISO dates.
 */
export type ProvenanceEntry = [sourceId: number, atEpochSeconds: number];
export type ProvenanceMap = Record<string, ProvenanceEntry>;

export const SOURCE_KINDS = ['manual', 'api', 'import', 'finder', 'verifier', 'provider', 'merge', 'crm', 'system'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A source as callers name it: `{ kind: 'import', ref: importId, label: 'contacts.csv' }`, `{ kind: 'provider', ref: 'apollo' }`. */
export interface SourceRef {
  kind: SourceKind;
  ref?: string;
  label?: string | null;
}

export interface SourceView {
  id: number;
  kind: string;
  ref: string;
  label: string | null;
}

/** Marks `fields` as set by `sourceId` at `at`; other entries are kept. */
export function stampProvenance(map: ProvenanceMap, fields: Iterable<string>, sourceId: number, at: Date): ProvenanceMap {
  const out: ProvenanceMap = { ...map };
  const seconds = Math.floor(at.getTime() / 1000);
  for (const f of fields) out[f] = [sourceId, seconds];
  return out;
}

export function provenanceSourceIds(map: ProvenanceMap): number[] {
  return [...new Set(Object.values(map).map((e) => e[0]))];
}

/** The API form: `{ field: { source: { id, kind, ref, label }, at } }`. */
export function expandProvenance(map: ProvenanceMap, sources: Map<number, SourceView>) {
  const out: Record<string, { source: SourceView; at: string }> = {};
  for (const [field, [sourceId, seconds]] of Object.entries(map)) {
    out[field] = {
      source: sources.get(sourceId) ?? { id: sourceId, kind: 'unknown', ref: '', label: null },
      at: new Date(seconds * 1000).toISOString(),
    };
  }
  return out;
}
