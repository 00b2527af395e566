import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustCredits, getBalance, listCreditTransactions } from '../../src/domains/credits/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, snapshotWorkspace, type TestOwner } from '../helpers/auth.js';
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

const post = (body: unknown, headers: Record<string, string> = owner.headers) => t.app.inject({ method: 'POST', url: '/api/v1/verify', headers, payload: body as object });
const balance = async () => (await getBalance(t.ctx(owner.workspaceId))).balanceMilli;

describe('POST /api/v1/verify', () => {
  it('verifies an address and charges 0.5 credit for a definite answer', async () => {
    const before = await balance();
    const res = await post({ email: 'Alice@Valid.test' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'alice@valid.test', status: 'valid', reason: 'accepted', score: 95, suggestion: null, chargedMilli: 500, charged: 0.5 });
    expect(res.json().checks).toMatchObject({ syntax: true, domain: true, smtp: 'accepted', catchAll: false, mx: [{ exchange: 'mx.valid.test', priority: 10 }] });
    expect(await balance()).toBe(before - 500);
  });

  it('charges an invalid answer and refunds an unknown one', async () => {
    const before = await balance();
    const invalid = await post({ email: 'nobody@valid.test' });
    expect(invalid.json()).toMatchObject({ status: 'invalid', reason: 'mailbox_not_found', chargedMilli: 500 });
    const unknown = await post({ email: 'bob@busy.test' });
    expect(unknown.json()).toMatchObject({ status: 'unknown', reason: 'smtp_tempfail', chargedMilli: 0 });
    expect(await balance()).toBe(before - 500);
    const ledger = await listCreditTransactions(t.ctx(owner.workspaceId), { limit: 5 });
    expect(ledger.items.slice(0, 2).map((l) => l.kind)).toEqual(['refund', 'charge']);
  });

  it('skips SMTP on request (unknown, refunded)', async () => {
    const before = await balance();
    const res = await post({ email: 'carol@catchall.test', skipSmtp: true });
    expect(res.json()).toMatchObject({ status: 'unknown', reason: 'smtp_skipped', chargedMilli: 0 });
    expect(world.hosts['mx.catchall.test']!.stats.connections).toBe(0);
    expect(await balance()).toBe(before);
  });

  it('charges once per Idempotency-Key', async () => {
    const before = await balance();
    const headers = { ...owner.headers, 'idempotency-key': randomUUID() };
    expect((await post({ email: 'bob@valid.test' }, headers)).json().chargedMilli).toBe(500);
    expect((await post({ email: 'bob@valid.test' }, headers)).json().chargedMilli).toBe(0);
    expect(await balance()).toBe(before - 500);
  });

  it('answers bad input with 400 and does not charge', async () => {
    const before = await balance();
    for (const body of [{}, { email: '' }, { email: 'x@valid.test', extra: 1 }, { email: 42 }]) {
      const res = await post(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect(await balance()).toBe(before);
  });

  it('refuses with 402 and no SMTP when the workspace has no credits', async () => {
    const other = await createUserWithWorkspace(t);
    const ctx = t.ctx(other.workspaceId);
    await adjustCredits(ctx, { amountMilli: -(await getBalance(ctx)).balanceMilli, reason: 'empty for test' });
    const connections = world.hosts['mx.valid.test']!.stats.connections;
    const res = await post({ email: 'carol@valid.test' }, other.headers);
    expect(res.statusCode).toBe(402);
    expect(res.json().error.code).toBe('INSUFFICIENT_CREDITS');
    expect(world.hosts['mx.valid.test']!.stats.connections).toBe(connections);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/verify', '/api/v1/verify/bulk', '/api/v1/verify/bulk/{jobId}/results', '/api/v1/verify/bulk/{jobId}/export']),
    );
  });

  it('needs a member: viewers and anonymous callers are refused without writes', async () => {
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    const snapshot = await snapshotWorkspace(t, owner.workspaceId);
    expect((await post({ email: 'alice@valid.test' }, viewer.headers)).statusCode).toBe(403);
    expect((await post({ email: 'alice@valid.test' }, {})).statusCode).toBe(401);
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(snapshot);
  });
});
