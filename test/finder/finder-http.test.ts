import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBalance } from '../../src/domains/credits/index.js';
import { claimNextChunk, runClaimedChunk } from '../../src/domains/jobs/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { startFinderWorld, type FinderWorld } from '../finderworld/world.js';
import { COMPANIES } from './world-companies.js';

let world: FinderWorld;
let t: TestApp;
let owner: TestOwner;

beforeAll(async () => {
  world = await startFinderWorld(COMPANIES);
  t = await createTestApp({ config: { verify: world.verifyConfig() } });
  owner = await createUserWithWorkspace(t);
});
afterAll(async () => {
  await t?.close();
  await world?.close();
});

async function drain() {
  for (let claimed = await claimNextChunk(t.ctx(), 'finder-test'); claimed; claimed = await claimNextChunk(t.ctx(), 'finder-test')) {
    await runClaimedChunk(t.ctx(), claimed, { workerId: 'finder-test', heartbeatMs: 60_000 });
  }
}
const get = (url: string, headers = owner.headers) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: 'POST', url, headers, payload });
const balance = async () => (await getBalance(t.ctx(owner.workspaceId))).balanceMilli;

function multipart(fileName: string, content: string) {
  const boundary = '----finder-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { ...owner.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /find', () => {
  it('finds a person, charges 1 credit, and explains the answer', async () => {
    const before = await balance();
    const res = await post('/api/v1/find', { firstName: 'Grace', lastName: 'Hopper', domain: 'acme.test' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'grace.hopper@acme.test',
      status: 'valid',
      reason: 'accepted',
      pattern: '{first}.{last}',
      domain: 'acme.test',
      domainSource: 'given',
      chargedMilli: 1000,
      charged: 1,
      verification: { email: 'grace.hopper@acme.test', status: 'valid', checks: { smtp: 'accepted' } },
    });
    expect(await balance()).toBe(before - 1000);
  });

  it('costs nothing when nothing is found', async () => {
    const before = await balance();
    const res = await post('/api/v1/find', { fullName: 'Nobody Atall', domain: 'acme.test' });
    expect(res.json()).toMatchObject({ email: null, status: 'not_found', reason: 'all_rejected', chargedMilli: 0 });
    expect(await balance()).toBe(before);
  });

  it.each([
    [{ domain: 'acme.test' }, 'firstName'],
    [{ firstName: 'Ada', lastName: 'Lovelace' }, 'domain'],
    [{ firstName: 'Ada', lastName: 'Lovelace', domain: 'acme.test', shoeSize: 44 }, 'shoeSize'],
    [{ firstName: 'A'.repeat(300), lastName: 'Lovelace', domain: 'acme.test' }, 'too long'],
  ])('refuses %o with a clear 400', async (body, mention) => {
    const res = await post('/api/v1/find', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(JSON.stringify(res.json())).toContain(mention);
  });

  it('is closed to viewers', async () => {
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    const res = await post('/api/v1/find', { firstName: 'Ada', lastName: 'Lovelace', domain: 'acme.test' }, viewer.headers);
    expect(res.statusCode).toBe(403);
  });
});

describe('bulk find (finder.bulk job)', () => {
  it('finds pasted CSV people: counts, filtered pages, CSV export, credits only for answers', async () => {
    const before = await balance();
    const text = [
      'First Name;Last Name;Company Domain',
      'Ada;Lovelace;acme.test',
      'Homer;Simpson;globex.test',
      'Samir;Nagheenanajar;initech.test',
      'Gavin;Belson;hooli.test',
      'No;Body;acme.test',
      'Lost;Soul;nowhere.test',
      ';;acme.test',
    ].join('\n');
    const start = await post('/api/v1/find/bulk', { text, source: 'people.csv' });
    expect(start.statusCode).toBe(202);
    const job = start.json() as { id: string; total: number; kind: string };
    expect(job).toMatchObject({ kind: 'finder.bulk', total: 7 });
    await drain();

    const done = (await get(`/api/v1/jobs/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', succeeded: 7, stats: { valid: 3, risky: 1, not_found: 3 } });
    // Four addresses returned (three valid, one catch-all guess) at 1 credit each.
    expect(await balance()).toBe(before - 4 * 1000);

    const all = (await get(`/api/v1/find/bulk/${job.id}/results`)).json();
    expect(all.items.map((r: { result: { email: string | null } }) => r.result.email)).toEqual([
      'ada.lovelace@acme.test',
      'hsimpson@globex.test',
      'samir@initech.test',
      'gavin.belson@hooli.test',
      null,
      null,
      null,
    ]);
    expect(all.items[6].result.reason).toBe('name_missing');
    const risky = (await get(`/api/v1/find/bulk/${job.id}/results?status=risky`)).json();
    expect(risky.items).toMatchObject([{ ref: '4', result: { reason: 'catch_all' } }]);

    const csv = await get(`/api/v1/find/bulk/${job.id}/export?status=valid`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^row,first_name,last_name,/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('ada.lovelace@acme.test,valid,accepted');
  });

  it('finds the leads of a list that have no email and saves the addresses to them', async () => {
    const list = (await post('/api/v1/lists', { name: 'Needs emails' })).json() as { id: string };
    const lead = (await post('/api/v1/leads', { first_name: 'Peter', last_name: 'Gibbons', company_domain: 'initech.test', list_ids: [list.id] })).json() as { id: string };
    await post('/api/v1/leads', { first_name: 'Has', last_name: 'Email', email: 'has.email@acme.test', list_ids: [list.id] });
    const start = await post('/api/v1/find/bulk', { listId: list.id, save: true });
    expect(start.statusCode).toBe(202);
    expect(start.json().total).toBe(1);
    await drain();
    const saved = (await get(`/api/v1/leads/${lead.id}`)).json();
    expect(saved.email).toBe('peter@initech.test');
    expect(JSON.stringify(saved.provenance ?? saved)).toContain('finder');
    const results = (await get(`/api/v1/find/bulk/${start.json().id}/results`)).json();
    expect(results.items[0]).toMatchObject({ leadId: lead.id, result: { email: 'peter@initech.test', saved: 'saved_to_lead' } });
  });

  it('finds chosen leads (find emails on a selection): leads of another workspace or with an email are left out', async () => {
    const a = (await post('/api/v1/leads', { first_name: 'Samir', last_name: 'Nagheenanajar', company_domain: 'initech.test' })).json() as { id: string };
    const b = (await post('/api/v1/leads', { first_name: 'Already', last_name: 'Known', email: 'already.known@acme.test' })).json() as { id: string };
    const other = await createUserWithWorkspace(t);
    const c = (await post('/api/v1/leads', { first_name: 'Milton', last_name: 'Waddams', company_domain: 'initech.test' }, other.headers)).json() as { id: string };
    const start = await post('/api/v1/find/bulk', { leadIds: [a.id, b.id, c.id], save: true });
    expect(start.statusCode).toBe(202);
    expect(start.json().total).toBe(1);
    await drain();
    expect((await get(`/api/v1/leads/${a.id}`)).json().email).toBe('samir@initech.test');
    expect((await get(`/api/v1/leads/${c.id}`, other.headers)).json().email).toBeNull();
  });

  it('finds the leads matching a leads filter that have no email (find emails on everything matching)', async () => {
    const tagged = (await post('/api/v1/leads', { first_name: 'Bill', last_name: 'Lumbergh', company_domain: 'initech.test', tags: ['tps'] })).json() as { id: string };
    await post('/api/v1/leads', { first_name: 'Tom', last_name: 'Smykowski', company_domain: 'initech.test' });
    await post('/api/v1/leads', { first_name: 'Has', last_name: 'Tagged', email: 'has.tagged@acme.test', tags: ['tps'] });
    const start = await post('/api/v1/find/bulk', { filter: { tag: 'tps' }, save: true });
    expect(start.statusCode).toBe(202);
    expect(start.json().total).toBe(1);
    await drain();
    expect((await get(`/api/v1/leads/${tagged.id}`)).json().email).toBe('bill@initech.test');
    const bad = await post('/api/v1/find/bulk', { filter: { no_such_field: 'x' } });
    expect(bad.statusCode).toBe(400);
    const paging = await post('/api/v1/find/bulk', { filter: { cursor: 'x' } });
    expect(paging.statusCode).toBe(400);
  });

  it('never saves the address of a person erased from the workspace (GDPR tombstone)', async () => {
    const erase = await post('/api/v1/privacy/erasures', { email: 'michael@initech.test' });
    expect(erase.statusCode).toBe(200);
    const lead = (await post('/api/v1/leads', { first_name: 'Michael', last_name: 'Bolton', company_domain: 'initech.test' })).json() as { id: string };
    const start = await post('/api/v1/find/bulk', { leadIds: [lead.id], save: true });
    expect(start.statusCode).toBe(202);
    await drain();
    const job = (await get(`/api/v1/jobs/${start.json().id}`)).json();
    expect(job.status).toBe('completed');
    expect((await get(`/api/v1/leads/${lead.id}`)).json().email).toBeNull();
    const results = (await get(`/api/v1/find/bulk/${start.json().id}/results`)).json();
    expect(results.items[0].result).toMatchObject({ email: 'michael@initech.test', saved: 'erased_person' });
    await post('/api/v1/privacy/erasures/lift', { email: 'michael@initech.test' });
  });

  it('finds the people of an uploaded file and adds them as leads of a target list', async () => {
    const list = (await post('/api/v1/lists', { name: 'Found people' })).json() as { id: string };
    const m = multipart('people.csv', 'full_name,website\nMichael Bolton,https://initech.test\nMilton Waddams,initech.test\n');
    const upload = await t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', headers: m.headers, payload: m.payload });
    expect(upload.statusCode).toBe(201);
    const start = await post('/api/v1/find/bulk', { uploadId: upload.json().upload.uploadId, save: true, targetListId: list.id });
    expect(start.json()).toMatchObject({ kind: 'finder.bulk' });
    expect(start.json()).toMatchObject({ total: 2 });
    await drain();
    const leads = (await get(`/api/v1/leads?list_id=${list.id}`)).json();
    const emails = (leads.items as Array<{ email: string }>).map((l) => l.email).sort();
    expect(emails).toEqual(['michael@initech.test', 'milton@initech.test']);
  });

  it('refuses a file without name or company columns, and bad sources, with 400', async () => {
    expect((await post('/api/v1/find/bulk', { text: 'email\nada@acme.test\n' })).statusCode).toBe(400);
    expect((await post('/api/v1/find/bulk', { people: [{ firstName: 'Ada', shoe: 1 }] })).json().error.message).toContain('person 1');
    expect((await post('/api/v1/find/bulk', { people: [{ firstName: 'Ada' }], listId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    expect((await post('/api/v1/find/bulk', { people: [{ firstName: 'Ada' }], save: true })).json().error.message).toContain('targetListId');
  });
});
