import { describe, expect, it } from 'vitest';
import { leadPatchSchema } from '../lead-input.js';
import { quickLeadPatch } from '../quick-lead-patch.js';

const valid: Record<string, unknown>[] = [
  { email: 'jane@acme.com', first_name: 'Jane', company: 'Acme', city: 'Paris', country: 'France', phone: '+33 1 42 68 53 00' },
  { tags: ['a', 'b'], custom: { score: '7', vip: true, rank: 3, none: null }, email: 'x@y.z', stage: 'mql' },
  { employee_count: 0, annual_revenue: 1.5e6, notes: 'n'.repeat(20_000), website: 'w'.repeat(2048) },
  { employee_count: 100_000_000, annual_revenue: 1e15, tags: Array.from({ length: 100 }, (_, i) => `t${i}`.padEnd(100, 'x')) },
];

const invalid: Record<string, unknown>[] = [
  { email: 'x'.repeat(321) },
  { phone: '1'.repeat(65) },
  { notes: 'n'.repeat(20_001) },
  { employee_count: 1.5 },
  { employee_count: -1 },
  { employee_count: 100_000_001 },
  { annual_revenue: -0.5 },
  { annual_revenue: Infinity },
  { annual_revenue: Number.NaN },
  { annual_revenue: 1e15 + 1e3 },
  { stage: 'open' },
  { tags: ['t'.repeat(101)] },
  { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
  { tags: 'a' },
  { custom: { ['k'.repeat(64)]: 'v' } },
  { custom: { n: Infinity } },
  { custom: { o: { nested: 1 } } },
  { custom: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v'])) },
  { owner_id: 'not-a-uuid' },
  { closed_at: 'yesterday' },
  { unknown_field: 'x' },
  { email: 42 },
];

describe('quickLeadPatch', () => {
  it.each(valid.map((raw, i) => [i, raw] as const))('valid patch %i: the same output as leadPatchSchema, keys in its order', (_i, raw) => {
    const quick = quickLeadPatch(raw);
    const parsed = leadPatchSchema.parse(raw);
    expect(quick).toEqual(parsed);
    expect(Object.keys(quick!)).toEqual(Object.keys(parsed));
  });

  it.each(invalid.map((raw, i) => [i, raw] as const))('invalid patch %i: refused, as leadPatchSchema refuses it', (_i, raw) => {
    expect(leadPatchSchema.safeParse(raw).success).toBe(false);
    expect(quickLeadPatch(raw)).toBeNull();
  });

  it('leaves fields it does not check (owner, close date) to the schema', () => {
    expect(quickLeadPatch({ owner_id: '0b6c1d7e-5a3e-4a5e-9c1e-2f3d4b5a6c7d' })).toBeNull();
    expect(quickLeadPatch({ closed_at: '2026-01-01' })).toBeNull();
  });

  it('copies arrays and custom values, as the schema does', () => {
    const raw = { tags: ['a'], custom: { k: 'v' } };
    const out = quickLeadPatch(raw)!;
    expect(out.tags).not.toBe(raw.tags);
    expect(out.custom).not.toBe(raw.custom);
  });
});
