import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBalance } from '../../src/domains/credits/index.js';
import { claimNextChunk, runClaimedChunk } from '../../src/domains/jobs/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';

let world: MailWorld;
let t: TestApp;
let owner: TestOwner;

beforeAll(async () => {
  world = await startMailWorld();
  t = await createTestApp({ config: { verify: world.verifyConfig() } });
  owner = await createUserWithWorkspace(t);
});
afterAll(async () => {
  await t?.close();
  await world?.close();
});

async function drain() {
  for (let claimed = await claimNextChunk(t.ctx(), 'verify-test'); claimed; claimed = await claimNextChunk(t.ctx(), 'verify-test')) {
    await runClaimedChunk(t.ctx(), claimed, { workerId: 'verify-test', heartbeatMs: 60_000 });
  }
}

const get = (url: string, headers = owner.headers) => t.app.inject({ method: 'GET', url, headers });

describe('bulk verification (verify.bulk job)', () => {
  it('verifies an uploaded CSV: counts by status and reason, filtered pages, CSV export, unknown refunded', async () => {
    const before = (await getBalance(t.ctx(owner.workspaceId))).balanceMilli;
    const text = 'name,email\nAlice,alice@valid.test\nNobody,nobody@valid.test\nBusy,bob@busy.test\nAny,any@catchall.test\nInfo,info@valid.test\nBad,not-an-email\nAlice again,ALICE@valid.test\n';
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk', headers: owner.headers, payload: { text, source: 'people.csv' } });
    expect(start.statusCode).toBe(202);
    const job = start.json() as { id: string; total: number; kind: string };
    expect(job).toMatchObject({ kind: 'verify.bulk', total: 7 });
    await drain();

    const done = (await get(`/api/v1/jobs/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', succeeded: 7 });
    expect(done.stats).toMatchObject({
      valid: 2,
      invalid: 2,
      risky: 2,
      unknown: 1,
      'reason:accepted': 2,
      'reason:mailbox_not_found': 1,
      'reason:invalid_syntax': 1,
      'reason:catch_all': 1,
      'reason:role_account': 1,
      'reason:smtp_tempfail': 1,
    });
    // 6 definite answers at 0.5 credit; the unknown one is charged and refunded.
    expect((await getBalance(t.ctx(owner.workspaceId))).balanceMilli).toBe(before - 6 * 500);

    const all = (await get(`/api/v1/verify/bulk/${job.id}/results`)).json();
    expect(all.items.map((r: { input: string }) => r.input)).toEqual(['alice@valid.test', 'nobody@valid.test', 'bob@busy.test', 'any@catchall.test', 'info@valid.test', 'not-an-email', 'ALICE@valid.test']);
    const invalid = (await get(`/api/v1/verify/bulk/${job.id}/results?status=invalid&limit=1`)).json();
    expect(invalid.items.map((r: { result: { reason: string } }) => r.result.reason)).toEqual(['mailbox_not_found']);
    const next = (await get(`/api/v1/verify/bulk/${job.id}/results?status=invalid&limit=1&cursor=${invalid.nextCursor}`)).json();
    expect(next).toMatchObject({ items: [{ input: 'not-an-email', result: { reason: 'invalid_syntax' } }], nextCursor: null });
    const byReason = (await get(`/api/v1/verify/bulk/${job.id}/results?reason=catch_all`)).json();
    expect(byReason.items).toHaveLength(1);

    const csv = await get(`/api/v1/verify/bulk/${job.id}/export?status=valid`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^alice@valid\.test,alice@valid\.test,valid,accepted,95,/);
  });

  it('verifies the leads of a list that have an email; lists the caller cannot see are 404', async () => {
    const post = (url: string, payload: object, headers = owner.headers) => t.app.inject({ method: 'POST', url, headers, payload });
    const list = (await post('/api/v1/lists', { name: 'Q3 prospects' })).json() as { id: string };
    for (const lead of [{ email: 'carol@valid.test' }, { email: 'nobody2@valid.test' }, { first_name: 'No', last_name: 'Email', company: 'Acme' }]) {
      expect((await post('/api/v1/leads', { ...lead, list_ids: [list.id] })).statusCode).toBe(201);
    }
    const start = await post('/api/v1/verify/bulk', { listId: list.id });
    expect(start.statusCode).toBe(202);
    const job = start.json() as { id: string; total: number; label: string };
    expect(job).toMatchObject({ total: 2, label: 'Verify emails (list Q3 prospects)' });
    await drain();
    const results = (await get(`/api/v1/verify/bulk/${job.id}/results`)).json();
    expect(results.items.map((r: { input: string; result: { reason: string } }) => [r.input, r.result.reason]).sort()).toEqual([
      ['carol@valid.test', 'accepted'],
      ['nobody2@valid.test', 'mailbox_not_found'],
    ]);
    const stranger = await createUserWithWorkspace(t);
    expect((await post('/api/v1/verify/bulk', { listId: list.id }, stranger.headers)).statusCode).toBe(404);
  });

  it('refuses bad input, unknown jobs and other workspaces', async () => {
    for (const payload of [{}, { emails: [] }, { emails: ['a@b.test'], text: 'x' }, { text: 'name,company\nA,B\n' }, { listId: 'nope' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk', headers: owner.headers, payload });
      expect(res.statusCode).toBe(400);
    }
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk', headers: owner.headers, payload: { emails: ['x@nowhere.test'], skipSmtp: true } });
    const jobId = start.json().id as string;
    const stranger = await createUserWithWorkspace(t);
    expect((await get(`/api/v1/verify/bulk/${jobId}/results`, stranger.headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/verify/bulk/00000000-0000-4000-8000-000000000000/results`)).statusCode).toBe(404);
    await drain();
  });
});
