import type { LeadPatch } from '../leads/index.js';
import { leadPatchSchema, quickLeadPatch, STAGES } from '../leads/index.js';
import type { ImportMapping } from './import-input.js';

export interface RowProblem {
  column: string | null;
  value: string | null;
  problem: string;
}

const INTEGER_FIELDS = new Set(['employee_count']);
const NUMBER_FIELDS = new Set(['annual_revenue']);
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

/** "1,200", "1 200", "$1.2M", "51-200" (the upper bound), "10k+" → a number; null when it is not one. */
export function parseAmount(raw: string): number | null {
  let v = raw.trim().toLowerCase().replace(/[$€£¥\s]|usd|eur|gbp/g, '').replace(/\+$/, '');
  const range = v.split(/-|–|to/).filter(Boolean);
  if (range.length === 2) v = range[1]!;
  const m = /^(\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,](\d+))?(k|m|mm|b|bn)?$/.exec(v);
  if (!m) return null;
  const whole = Number(m[1]!.replace(/[,.]/g, ''));
  const frac = m[2] ? Number(`0.${m[2]}`) : 0;
  return (whole + frac) * (m[3] ? MULTIPLIERS[m[3]]! : 1);
}

/**
 * One file row as a lead patch: empty cells are left out, numbers and tags parsed, then the
 * API's own validation (leadPatchSchema, or quickLeadPatch's plain checks when they suffice).
 * Pure. Problems name the column and value.
 */
export function rowToPatch(cells: string[], mapping: ImportMapping, extraTags: string[]): { patch: LeadPatch | null; problems: RowProblem[] } {
  const raw: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  const problems: RowProblem[] = [];
  for (const col of mapping) {
    if (!col.field) continue;
    const value = (cells[col.index] ?? '').trim();
    if (!value) continue;
    if (col.field.startsWith('custom.')) custom[col.field.slice(7)] = value;
    else if (INTEGER_FIELDS.has(col.field) || NUMBER_FIELDS.has(col.field)) {
      const n = parseAmount(value);
      if (n === null || (INTEGER_FIELDS.has(col.field) && !Number.isInteger(n))) problems.push({ column: col.header, value, problem: 'not a number' });
      else raw[col.field] = n;
    } else if (col.field === 'tags') raw.tags = value.split(/[,;|]/).map((t) => t.trim()).filter(Boolean);
    else if (col.field === 'stage') {
      const stage = value.toLowerCase();
      if ((STAGES as readonly string[]).includes(stage)) raw.stage = stage;
      else problems.push({ column: col.header, value, problem: `not a stage (one of ${STAGES.join(', ')})` });
    } else raw[col.field] = value;
  }
  if (extraTags.length) raw.tags = [...((raw.tags as string[] | undefined) ?? []), ...extraTags];
  if (Object.keys(custom).length) raw.custom = custom;
  // The usual row passes the plain checks without zod; any doubt goes to the schema for its exact messages.
  const quick = problems.length ? null : quickLeadPatch(raw);
  if (quick) return { patch: quick, problems };
  const parsed = leadPatchSchema.safeParse(raw);
  if (!parsed.success) {
    const columnOf = columnsByField(cells, mapping);
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const field = path[0] === 'custom' ? `custom.${path[1]}` : path[0]!;
      const col = columnOf.get(field);
      problems.push({ column: col?.header ?? field, value: col ? col.value.slice(0, 200) : null, problem: issue.message });
    }
    return { patch: null, problems };
  }
  return { patch: problems.length ? null : parsed.data, problems };
}

/** Field → the column (header) and value it came from: only rows the schema refuses need it. */
function columnsByField(cells: string[], mapping: ImportMapping): Map<string, { header: string; value: string }> {
  const columnOf = new Map<string, { header: string; value: string }>();
  for (const col of mapping) {
    if (!col.field) continue;
    const value = (cells[col.index] ?? '').trim();
    if (value) columnOf.set(col.field, { header: col.header, value });
  }
  return columnOf;
}
