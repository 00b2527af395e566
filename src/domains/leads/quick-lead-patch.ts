import type { z } from 'zod';
import { LIMITS, STAGES } from './fields.js';
import { leadFieldsShape, type LeadPatch } from './lead-input.js';

type Check = (value: unknown) => boolean;

const finiteBetween = (min: number, max: number): Check => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * The rules of leadPatchSchema that a bulk import's values meet in the usual case, checked
 * without zod: text fields (their limits read from the schema itself), amounts, employee
 * counts, stage, tags and custom values. A field outside this list (owner_id, closed_at, an
 * unknown key) is never accepted here.
 */
const CHECKS = new Map<string, Check>();
for (const [field, schema] of Object.entries(leadFieldsShape)) {
  let inner = schema as z.ZodType;
  while (inner.def.type === 'optional' || inner.def.type === 'nullable') inner = (inner.def as unknown as { innerType: z.ZodType }).innerType;
  const s = inner as z.ZodString;
  // A plain bounded string: one check (its maximum), no format, no minimum.
  if (inner.def.type === 'string' && s.format === null && s.minLength === null && s.maxLength !== null && inner.def.checks?.length === 1) {
    const max = s.maxLength;
    CHECKS.set(field, (v) => typeof v === 'string' && v.length <= max);
  }
}
CHECKS.set('employee_count', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= LIMITS.employees);
for (const f of ['annual_revenue', 'deal_value', 'revenue']) CHECKS.set(f, finiteBetween(0, LIMITS.amount));
CHECKS.set('stage', (v) => (STAGES as readonly unknown[]).includes(v));
CHECKS.set('tags', (v) => Array.isArray(v) && v.length <= LIMITS.tags && v.every((t) => typeof t === 'string' && t.length <= LIMITS.tag));
CHECKS.set('custom', (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const entries = Object.entries(v);
  return (
    entries.length <= LIMITS.customFields &&
    entries.every(([k, x]) => k.length <= 63 && (x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))))
  );
});
const SHAPE_ORDER = Object.keys(leadFieldsShape);

/**
 * `raw` as leadPatchSchema would output it (keys in the schema's order, arrays and custom
 * values copied) when every value plainly passes the schema; otherwise null, and the caller
 * validates with leadPatchSchema for its exact messages. Per-row zod parsing was a fifth of a
 * bulk import's preparation; this check is never looser than the schema (a test holds both to
 * the same answers).
 */
export function quickLeadPatch(raw: Record<string, unknown>): LeadPatch | null {
  for (const key in raw) {
    const check = CHECKS.get(key);
    if (!check || !Object.hasOwn(raw, key) || !check(raw[key])) return null;
  }
  const out: Record<string, unknown> = {};
  for (const key of SHAPE_ORDER) {
    if (!Object.hasOwn(raw, key)) continue;
    const v = raw[key];
    out[key] = Array.isArray(v) ? [...v] : key === 'custom' ? { ...(v as object) } : v;
  }
  return out as LeadPatch;
}
