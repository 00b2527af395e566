import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.js';
import type { CustomFieldDef } from '../custom-values.js';
import { changedFields, EMPTY_LEAD, normalizeLead, type LeadState } from '../normalize-lead.js';
import { prepareLeadRow } from '../prepare-lead-row.js';

const now = new Date('2026-03-01T10:00:00Z');
const defs: CustomFieldDef[] = [
  { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] },
  { key: 'score', label: 'Score', type: 'number', options: [] },
];
const run = (patch: Parameters<typeof normalizeLead>[0], previous: LeadState = EMPTY_LEAD) => normalizeLead(patch, previous, { customFields: defs, now });

describe('normalizeLead', () => {
  it('normalizes every field of a new lead and records what changed', () => {
    const { state, changes } = run({
      email: '  Jose.Nunez@ACME.com ',
      full_name: 'José Núñez',
      company: 'Acme, Inc.',
      website: 'www.acme.com/',
      country: 'France',
      phone: '01 42 68 53 00',
      mobile_phone: '+33 6 12 34 56 78',
      linkedin_url: 'fr.linkedin.com/in/Jose-Nunez/',
      tags: ['VIP', ' vip ', 'Paris', ''],
      custom: { tier: 'gold' },
    });
    expect(state).toMatchObject({
      email: 'jose.nunez@acme.com',
      emailNormalized: 'jose.nunez@acme.com',
      firstName: 'José',
      lastName: 'Núñez',
      fullName: 'José Núñez',
      company: 'Acme, Inc.',
      companyNormalized: 'acme',
      website: 'https://www.acme.com',
      companyDomain: 'acme.com',
      country: 'France',
      countryCode: 'FR',
      phone: '+33142685300',
      phoneType: 'fixed_line',
      phoneCountry: 'FR',
      mobilePhone: '+33612345678',
      mobilePhoneType: 'mobile',
      linkedinUrl: 'https://www.linkedin.com/in/jose-nunez',
      tags: ['VIP', 'Paris'],
      custom: { tier: 'Gold' },
      issues: {},
      sortLastName: '1nunez',
      sortCompany: '1acme',
    });
    expect(state.searchText).toBe('jose nunez jose.nunez@acme.com acme, inc. acme.com');
    expect(Object.keys(changes).sort()).toEqual(
      ['company', 'company_domain', 'country', 'custom.tier', 'email', 'first_name', 'full_name', 'last_name', 'linkedin_url', 'mobile_phone', 'phone', 'tags', 'website'].sort(),
    );
  });

  it('keeps invalid values as given and flags them', () => {
    const { state } = run({ email: 'john at acme', phone: '12', linkedin_url: 'https://facebook.com/x', website: 'not a site', country: 'Atlantis' });
    expect(state).toMatchObject({ email: 'john at acme', emailNormalized: null, phone: '12', linkedinUrl: 'https://facebook.com/x', website: 'not a site', country: 'Atlantis', countryCode: null });
    expect(Object.keys(state.issues).sort()).toEqual(['country', 'email', 'linkedin_url', 'phone', 'website']);
  });

  it("re-reads a flagged phone once the lead's country is known", () => {
    const first = run({ phone: '06 12 34 56 78' }).state;
    expect(first.issues.phone).toContain('without a country');
    const { state, changes } = run({ country: 'FR' }, first);
    expect(state.phone).toBe('+33612345678');
    expect(state.issues).toEqual({});
    expect(changes.phone).toEqual({ from: '06 12 34 56 78', to: '+33612345678' });
  });

  it('keeps first/last and the full name in step', () => {
    const created = run({ first_name: 'LUDWIG', last_name: 'VAN DER BERG' }).state;
    expect(created).toMatchObject({ firstName: 'Ludwig', lastName: 'van der Berg', fullName: 'Ludwig van der Berg' });
    const renamed = run({ first_name: 'Lou' }, created).state;
    expect(renamed.fullName).toBe('Lou van der Berg');
    const split = run({ full_name: 'DE LA CRUZ, Juan' }, renamed).state;
    expect(split).toMatchObject({ firstName: 'Juan', lastName: 'de la Cruz', fullName: 'Juan de la Cruz' });
  });

  it('lets the domain follow the website unless it was set on purpose', () => {
    const a = run({ website: 'acme.com' }).state;
    expect(a.companyDomain).toBe('acme.com');
    const b = run({ website: 'https://acme.io' }, a).state;
    expect(b.companyDomain).toBe('acme.io');
    const c = run({ company_domain: 'acme-group.com' }, b).state;
    const d = run({ website: 'https://acme.dev' }, c).state;
    expect(d.companyDomain).toBe('acme-group.com');
  });

  it('closes and reopens deals', () => {
    const won = run({ stage: 'customer', deal_value: 1200, revenue: 1000 }).state;
    expect(won).toMatchObject({ stage: 'customer', closedAt: now, revenue: 1000, dealValue: 1200 });
    const reopened = run({ stage: 'opportunity' }, won).state;
    expect(reopened).toMatchObject({ closedAt: null, revenue: null, dealValue: 1200 });
    const lost = run({ stage: 'lost', closed_at: '2026-02-01' }, reopened).state;
    expect(lost.closedAt).toEqual(new Date('2026-02-01'));
  });

  it.each([
    [{ revenue: 10 }, 'revenue can only be set on a won lead'],
    [{ closed_at: '2026-01-01' }, 'closed_at can only be set on a closed lead'],
    [{ custom: { nope: 1 } }, 'unknown custom field "nope"'],
    [{ custom: { score: 'high' } }, 'custom.score must be a number'],
    [{ custom: { tier: 'Bronze' } }, 'custom.tier must be one of: Gold, Silver'],
  ])('rejects rule violations %#', (patch, message) => {
    expect(() => run(patch)).toThrow(DomainError);
    expect(() => run(patch)).toThrow(message);
  });

  it('reports no change when values normalize to the same thing', () => {
    const a = run({ email: 'a@b.co', tags: ['x'] }).state;
    expect(run({ email: ' A@B.CO ', tags: ['x'] }, a).changes).toEqual({});
  });

  it('removes a custom value with null', () => {
    const a = run({ custom: { score: 3 } }).state;
    const { state, changes } = run({ custom: { score: null } }, a);
    expect(state.custom).toEqual({});
    expect(changes['custom.score']).toEqual({ from: 3, to: null });
  });
});

describe('prepareLeadRow (the per-row step of bulk imports)', () => {
  it('builds a complete row with provenance for every field it sets', () => {
    const { row, fields } = prepareLeadRow({ email: 'A@B.co', first_name: 'ana' }, { workspaceId: 'ws', sourceId: 7, now, customFields: defs });
    expect(row).toMatchObject({ workspaceId: 'ws', email: 'a@b.co', firstName: 'Ana', fullName: 'Ana', createdAt: now, updatedAt: now });
    expect(fields.sort()).toEqual(['email', 'first_name', 'full_name']);
    expect(row.provenance).toEqual({ [`7:${now.getTime() / 1000}`]: ['email', 'first_name', 'full_name'] });
  });

  it('refuses a lead with nothing to identify it', () => {
    expect(() => prepareLeadRow({ title: 'CEO', city: 'Lyon' }, { workspaceId: 'ws', sourceId: 1, now, customFields: [] })).toThrow('A lead needs at least one of');
  });
});

describe('changedFields', () => {
  it('names the fields normalizeLead reports as changed, in its order', () => {
    const first = run({ email: 'Jane@Acme.com', first_name: 'jane', company: 'Acme Inc.', tags: ['a'], custom: { tier: 'gold' } });
    expect(first.state.email).toBe('jane@acme.com');
    expect(changedFields(EMPTY_LEAD, first.state)).toEqual(Object.keys(first.changes));
    const second = run({ email: 'jane@acme.com', title: 'CTO', custom: { tier: null } }, first.state);
    expect(changedFields(first.state, second.state)).toEqual(Object.keys(second.changes));
    expect(changedFields(first.state, second.state)).toEqual(['title', 'custom.tier']);
  });
});
