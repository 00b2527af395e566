/**
 * Field provenance: for every field, which source last set it and when. Stored on the lead as
 * a jsonb map grouped by write: `{ "<sourceId>:<epochSeconds>": ["email", "first_name", …] }`
 * (sourceId → lead_sources). One write sets many fields at once — an import row all of its
 * fields — so a lead carries a handful of groups: 15 fields from one import take ~220 bytes,
 * against ~1.7 kB for `{ field: { source, at } }` (measured on PostgreSQL 15). Each field is in
 * at most one group.
 */
export type ProvenanceMap = Record<string, string[]>;

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

export interface ProvenanceEntry {
  field: string;
  sourceId: number;
  at: Date;
}

const groupKey = (sourceId: number, at: Date) => `${sourceId}:${Math.floor(at.getTime() / 1000)}`;

/** Marks `fields` as set by `sourceId` at `at`; the other fields keep their source. */
export function stampProvenance(map: ProvenanceMap, fields: Iterable<string>, sourceId: number, at: Date): ProvenanceMap {
  const stamped = new Set(fields);
  const out: ProvenanceMap = {};
  for (const [key, group] of Object.entries(map)) {
    const kept = group.filter((f) => !stamped.has(f));
    if (kept.length) out[key] = kept;
  }
  if (stamped.size) {
    const key = groupKey(sourceId, at);
    out[key] = [...(out[key] ?? []), ...stamped];
  }
  return out;
}

export function provenanceEntries(map: ProvenanceMap): ProvenanceEntry[] {
  return Object.entries(map).flatMap(([key, group]) => {
    const [sourceId, seconds] = key.split(':').map(Number);
    return group.map((field) => ({ field, sourceId: sourceId!, at: new Date(seconds! * 1000) }));
  });
}

export function provenanceSourceIds(map: ProvenanceMap): number[] {
  return [...new Set(Object.keys(map).map((k) => Number(k.split(':')[0])))];
}

/** The API form: `{ field: { source: { id, kind, ref, label }, at } }`. */
export function expandProvenance(map: ProvenanceMap, sources: Map<number, SourceView>) {
  const out: Record<string, { source: SourceView; at: string }> = {};
  for (const { field, sourceId, at } of provenanceEntries(map)) {
    out[field] = { source: sources.get(sourceId) ?? { id: sourceId, kind: 'unknown', ref: '', label: null }, at: at.toISOString() };
  }
  return out;
}
