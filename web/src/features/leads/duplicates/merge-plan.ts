import { CANONICAL_FIELDS, fieldValue, type FieldDef } from '../fields';
import type { Lead } from '../types';

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields a merge asks about: those where the leads hold different non-empty values. Tags are united by the server. */
export function conflictingFields(leads: Lead[], customFields: FieldDef[]): FieldDef[] {
  const fields = [...CANONICAL_FIELDS.filter((f) => !f.readOnly && f.id !== 'tags' && f.id !== 'full_name'), ...customFields];
  return fields.filter((f) => {
    const values = leads.map((l) => fieldValue(l, f.id)).filter((v) => !isEmpty(v));
    return values.some((v) => !same(v, values[0]));
  });
}

/** The default choice: the survivor's value when it has one, else the first lead that has one. */
export function defaultWinners(leads: Lead[], survivorId: string, fields: FieldDef[]): Record<string, string> {
  const ordered = [leads.find((l) => l.id === survivorId)!, ...leads.filter((l) => l.id !== survivorId)];
  return Object.fromEntries(fields.map((f) => [f.id, (ordered.find((l) => !isEmpty(fieldValue(l, f.id))) ?? ordered[0]!).id]));
}
