import { describe, expect, it } from 'vitest';
import { expandProvenance, provenanceEntries, provenanceSourceIds, stampProvenance } from '../provenance.js';

const t1 = new Date('2026-01-01T00:00:00Z');
const t2 = new Date('2026-02-01T12:30:00Z');

describe('provenance map', () => {
  it('groups the fields of one write under its source and time', () => {
    const imported = stampProvenance({}, ['email', 'first_name', 'company'], 3, t1);
    expect(imported).toEqual({ '3:1767225600': ['email', 'first_name', 'company'] });
  });

  it('moves re-set fields to the new write and drops emptied groups', () => {
    const imported = stampProvenance({}, ['email', 'company'], 3, t1);
    const edited = stampProvenance(imported, ['company'], 9, t2);
    expect(edited).toEqual({ '3:1767225600': ['email'], '9:1769949000': ['company'] });
    const again = stampProvenance(edited, ['email'], 9, t2);
    expect(again).toEqual({ '9:1769949000': ['company', 'email'] });
    expect(stampProvenance(again, [], 1, t1)).toEqual(again);
  });

  it('expands to one entry per field with its source', () => {
    const map = stampProvenance(stampProvenance({}, ['email', 'phone'], 3, t1), ['phone'], 4, t2);
    expect(provenanceSourceIds(map).sort()).toEqual([3, 4]);
    expect(provenanceEntries(map)).toHaveLength(2);
    const sources = new Map([[3, { id: 3, kind: 'import', ref: 'imp-1', label: 'contacts.csv' }]]);
    expect(expandProvenance(map, sources)).toEqual({
      email: { source: { id: 3, kind: 'import', ref: 'imp-1', label: 'contacts.csv' }, at: t1.toISOString() },
      phone: { source: { id: 4, kind: 'unknown', ref: '', label: null }, at: t2.toISOString() },
    });
  });
});
