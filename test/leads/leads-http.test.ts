import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';

const LEAD_KEYS = [
  'id', 'email', 'first_name', 'last_name', 'full_name', 'title', 'seniority', 'department', 'company', 'company_domain', 'website',
  'phone', 'phone_type', 'phone_country', 'phone_ext', 'mobile_phone', 'mobile_phone_type', 'mobile_phone_country', 'mobile_phone_ext',
  'linkedin_url', 'twitter_url', 'city', 'state', 'country', 'country_code', 'industry', 'employee_count', 'annual_revenue',
  'lead_source', 'stage', 'tags', 'notes', 'owner_id', 'deal_value', 'closed_at', 'revenue', 'custom', 'issues', 'created_at',
  'updated_at', 'deleted_at',
];

describe('leads over HTTP', () => {
  let t: TestApp;
  let owner: TestOwner;
  let member: TestUser;
  let viewer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    viewer = await addMember(t, owner.workspaceId, 'viewer');
    admin = await addMember(t, owner.workspaceId, 'admin');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown, headers = member.headers) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
  const patch = (url: string, payload: unknown, headers = member.headers) => t.app.inject({ method: 'PATCH', url: `/api/v1${url}`, headers, payload: payload as object });
  const get = (url: string, headers = member.headers) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const del = (url: string, headers = member.headers) => t.app.inject({ method: 'DELETE', url: `/api/v1${url}`, headers });

  it('creates a lead, normalized, with every field of the contract and its provenance', async () => {
    const r = await post('/leads', {
      email: ' Ludwig@VanDerBerg.NL ',
      full_name: 'Ludwig van der Berg',
      company: 'Berg Holding B.V.',
      website: 'www.vanderberg.nl/',
      country: 'Nederland',
      phone: '020 123 4567',
      linkedin_url: 'https://nl.linkedin.com/in/Ludwig-vd-Berg/?trk=x',
      twitter_url: '@LudwigVDB',
      employee_count: 45,
      annual_revenue: 1200000.5,
      tags: ['Benelux', 'benelux', 'Tier 1'],
      stage: 'mql',
    });
    expect(r.statusCode, r.body).toBe(201);
    const lead = r.json();
    expect(Object.keys(lead).sort()).toEqual([...LEAD_KEYS, 'lists', 'provenance'].sort());
    expect(lead).toMatchObject({
      email: 'ludwig@vanderberg.nl',
      first_name: 'Ludwig',
      last_name: 'van der Berg',
      company: 'Berg Holding B.V.',
      company_domain: 'vanderberg.nl',
      website: 'https://www.vanderberg.nl',
      country_code: 'NL',
      phone: '+31201234567',
      phone_type: 'fixed_line',
      phone_country: 'NL',
      linkedin_url: 'https://www.linkedin.com/in/ludwig-vd-berg',
      twitter_url: 'https://x.com/ludwigvdb',
      employee_count: 45,
      annual_revenue: 1200000.5,
      tags: ['Benelux', 'Tier 1'],
      stage: 'mql',
      issues: {},
      lists: [],
      deleted_at: null,
    });
    expect(lead.provenance.email.source).toMatchObject({ kind: 'manual', ref: member.id });
    expect(Object.keys(lead.provenance)).toContain('company_domain');
  });

  it('stores invalid emails, phones and URLs as given, flagged', async () => {
    const r = await post('/leads', { email: 'maria at acme', full_name: 'Maria Rossi', phone: '123', linkedin_url: 'linkedin.com/feed', website: 'acme' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ email: 'maria at acme', phone: '123', linkedin_url: 'linkedin.com/feed', website: 'acme' });
    expect(Object.keys(r.json().issues).sort()).toEqual(['email', 'linkedin_url', 'phone', 'website']);
    // Flagged emails are not the uniqueness key: a second junk value is accepted.
    expect((await post('/leads', { email: 'maria at acme', company: 'Other' })).statusCode).toBe(201);
  });

  it.each([
    [{ email: 'a@b.co', favourite_colour: 'blue' }, 'Unknown field: favourite_colour'],
    [{ email: 'a@b.co', employee_count: '12' }, 'employee_count'],
    [{ email: 'a@b.co', employee_count: 1.5 }, 'whole number'],
    [{ email: 'a@b.co', tags: 'vip' }, 'tags'],
    [{ email: 'a@b.co', title: 'x'.repeat(501) }, 'at most 500 characters'],
    [{ email: 'a@b.co', stage: 'won' }, 'stage'],
    [{ email: 'a@b.co', annual_revenue: -1 }, 'negative'],
    [{ email: 'a@b.co', custom: { nope: 1 } }, 'unknown custom field "nope"'],
    [{ email: 'a@b.co', revenue: 100 }, 'revenue can only be set on a won lead'],
    [{ email: 'a@b.co', owner_id: 'not-a-uuid' }, 'owner_id'],
    [{ title: 'CEO' }, 'A lead needs at least one of'],
    [{ email: 'a@b.co', list_ids: ['00000000-0000-4000-8000-000000000000'] }, 'not found'],
  ])('refuses bad input with a clear 4xx: %j', async (payload, message) => {
    const r = await post('/leads', payload);
    expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json().error.message).toContain(message);
  });

  it('answers 409 with the existing lead for a duplicate email', async () => {
    const first = (await post('/leads', { email: 'once@example.com' })).json();
    const r = await post('/leads', { email: 'ONCE@example.com ' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'email', leadId: first.id } });
  });

  it('updates, deletes and restores', async () => {
    const lead = (await post('/leads', { email: 'cycle@example.com', first_name: 'Sam' })).json();
    const u = await patch(`/leads/${lead.id}`, { last_name: 'Okafor', stage: 'customer', revenue: 5000, deal_value: 6000 });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json()).toMatchObject({ full_name: 'Sam Okafor', stage: 'customer', revenue: 5000, deal_value: 6000 });
    expect(u.json().closed_at).not.toBeNull();
    expect((await patch(`/leads/${lead.id}`, { nope: 1 })).statusCode).toBe(400);
    expect((await del(`/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await get(`/leads/${lead.id}`)).json().deleted_at).not.toBeNull();
    expect((await patch(`/leads/${lead.id}`, { title: 'x' })).statusCode).toBe(404);
    const restored = await post(`/leads/${lead.id}/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json().deleted_at).toBeNull();
    const activity = (await get(`/leads/${lead.id}/activity`)).json();
    expect(activity.items.map((a: { type: string }) => a.type)).toEqual(['restored', 'deleted', 'fields_changed', 'stage_changed', 'created']);
  });

  it('keeps notes by members', async () => {
    const lead = (await post('/leads', { email: 'noted@example.com' })).json();
    const n = await post(`/leads/${lead.id}/notes`, { body: 'Met at the trade fair' });
    expect(n.statusCode, n.body).toBe(201);
    expect(n.json()).toMatchObject({ body: 'Met at the trade fair', leadId: lead.id, author: { userId: member.id, email: member.email } });
    expect((await post(`/leads/${lead.id}/notes`, { body: '' })).statusCode).toBe(400);
    expect((await post(`/leads/${lead.id}/notes`, { body: 'x', pinned: true })).statusCode).toBe(400);
    const list = (await get(`/leads/${lead.id}/notes`, viewer.headers)).json();
    expect(list.items).toHaveLength(1);
    expect((await post(`/leads/${lead.id}/notes`, { body: 'viewer note' }, viewer.headers)).statusCode).toBe(403);
  });

  it('lets viewers read and members write', async () => {
    expect((await get('/leads', viewer.headers)).statusCode).toBe(200);
    expect((await post('/leads', { email: 'viewer@example.com' }, viewer.headers)).statusCode).toBe(403);
    const lead = (await post('/leads', { email: 'roles@example.com' })).json();
    expect((await patch(`/leads/${lead.id}`, { title: 'x' }, viewer.headers)).statusCode).toBe(403);
    expect((await del(`/leads/${lead.id}`, viewer.headers)).statusCode).toBe(403);
    expect((await get(`/leads/${lead.id}`, viewer.headers)).statusCode).toBe(200);
  });

  it('attributes API-key writes to the key', async () => {
    const key = await createTestApiKey(t, owner.workspaceId, 'member');
    const r = await post('/leads', { email: 'bykey@example.com' }, key.headers);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().provenance.email.source).toMatchObject({ kind: 'api', ref: key.id });
  });

  it('manages custom fields (admins) and validates lead values against them', async () => {
    expect((await post('/custom-fields', { key: 'tier', label: 'Tier', type: 'select', options: ['Gold'] })).statusCode).toBe(403);
    const created = await post('/custom-fields', { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] }, admin.headers);
    expect(created.statusCode, created.body).toBe(201);
    const field = created.json();
    expect((await post('/custom-fields', { key: 'tier', label: 'Again', type: 'text' }, admin.headers)).statusCode).toBe(409);
    expect((await post('/custom-fields', { key: 'Bad Key', label: 'x', type: 'text' }, admin.headers)).statusCode).toBe(400);
    expect((await post('/custom-fields', { key: 'colour', label: 'x', type: 'select' }, admin.headers)).statusCode).toBe(400);
    expect((await post('/custom-fields', { key: 'size', label: 'x', type: 'color' }, admin.headers)).statusCode).toBe(400);
    const typeChange = await patch(`/custom-fields/${field.id}`, { type: 'text' }, admin.headers);
    expect(typeChange.statusCode).toBe(400);
    expect(typeChange.json().error.message).toContain('Cannot change type');
    const relabel = await patch(`/custom-fields/${field.id}`, { label: 'Account tier', options: ['Gold', 'Silver', 'Bronze'] }, admin.headers);
    expect(relabel.json()).toMatchObject({ label: 'Account tier', options: ['Gold', 'Silver', 'Bronze'] });
    expect((await get('/custom-fields', viewer.headers)).json().items.map((f: { key: string }) => f.key)).toContain('tier');

    const lead = await post('/leads', { email: 'tiered@example.com', custom: { tier: 'bronze' } });
    expect(lead.json().custom).toEqual({ tier: 'Bronze' });
    const wrong = await patch(`/leads/${lead.json().id}`, { custom: { tier: 'Platinum' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('custom.tier must be one of');
    expect((await del(`/custom-fields/${field.id}`, member.headers)).statusCode).toBe(403);
    expect((await del(`/custom-fields/${field.id}`, admin.headers)).statusCode).toBe(204);
    expect((await get(`/leads/${lead.json().id}`)).json().custom).toEqual({});
  });

  it('answers 400 for malformed ids and 404 for unknown ones', async () => {
    expect((await get('/leads/not-a-uuid')).statusCode).toBe(400);
    expect((await get('/leads/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await post('/leads/00000000-0000-4000-8000-000000000000/restore', {})).statusCode).toBe(404);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/leads/{id}/notes', '/api/v1/leads/{id}/activity', '/api/v1/custom-fields']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
