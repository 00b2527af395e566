import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { chargeCredits, refundCredits } from '../../src/domains/credits/index.js';
import type { TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, snapshotWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { creditsTestApp, fundedWorkspace, item } from './helpers.js';

describe('credits API', () => {
  let t: TestApp;
  let clock: ManualClock;
  let owner: TestOwner;
  let admin: TestUser;
  let member: TestUser;
  let viewer: TestUser;
  beforeAll(async () => {
    ({ t, clock } = await creditsTestApp());
    ({ owner } = await fundedWorkspace(t, 10_000));
    admin = await addMember(t, owner.workspaceId, 'admin');
    member = await addMember(t, owner.workspaceId, 'member');
    viewer = await addMember(t, owner.workspaceId, 'viewer');
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers?: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as object });

  it('shows the balance to any member, in milli-credits and credits', async () => {
    const r = await call('GET', '/credits', viewer.headers);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ balanceMilli: 10_000, balance: 10, reservedMilli: 0, available: 10, monthlyAllowance: 1000, dailyCap: null });
    expect(new Date(r.json().resetAt).toISOString()).toBe('2026-04-10T12:00:00.000Z');
    expect((await call('GET', '/credits')).statusCode).toBe(401);
  });

  it('lets only owners and admins grant and adjust', async () => {
    for (const who of [viewer, member]) {
      const before = await snapshotWorkspace(t, owner.workspaceId);
      const r = await call('POST', '/credits/grant', who.headers, { amount: 5, reason: 'me' });
      expect(r.statusCode).toBe(403);
      expect((await call('POST', '/credits/adjust', who.headers, { amount: -5, reason: 'me' })).statusCode).toBe(403);
      expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);
    }
    const g = await call('POST', '/credits/grant', admin.headers, { amount: 2.5, reason: 'purchase' });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ ledgerId: expect.any(String), balance: { balanceMilli: 12_500, balance: 12.5 } });
    const o = await call('POST', '/credits/adjust', owner.headers, { amount: -0.125, reason: 'rounding' });
    expect(o.statusCode).toBe(201);
    expect(o.json().balance.balanceMilli).toBe(12_375);
    const key = await createTestApiKey(t, owner.workspaceId, 'admin');
    expect((await call('POST', '/credits/grant', key.headers, { amount: 0.625, reason: 'script' })).json().balance.balanceMilli).toBe(13_000);
  });

  it('rejects bad amounts and refuses to go below zero with the numbers', async () => {
    for (const payload of [{ amount: 1.0001, reason: 'x' }, { amount: 0, reason: 'x' }, { amount: -1, reason: 'x' }, { amount: '1', reason: 'x' }, { amount: 1 }, { amount: 1, reason: 'x', extra: 1 }]) {
      const r = await call('POST', '/credits/grant', admin.headers, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION');
    }
    const r = await call('POST', '/credits/adjust', admin.headers, { amount: -1_000_000, reason: 'too much' });
    expect(r.statusCode).toBe(402);
    expect(r.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { requiredMilli: 1_000_000_000, availableMilli: 13_000 } });
  });

  it('changes the settings (admin), with null turning the cap and the threshold off', async () => {
    expect((await call('PATCH', '/credits/settings', member.headers, { dailyCap: 10 })).statusCode).toBe(403);
    const r = await call('PATCH', '/credits/settings', admin.headers, { monthlyAllowance: 250.5, dailyCap: 40, lowBalanceThreshold: 5, resetAt: '2026-05-01T00:00:00Z' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ monthlyAllowanceMilli: 250_500, dailyCapMilli: 40_000, lowBalanceThreshold: 5, resetAt: '2026-05-01T00:00:00.000Z' });
    const off = await call('PATCH', '/credits/settings', admin.headers, { dailyCap: null, lowBalanceThreshold: null });
    expect(off.json()).toMatchObject({ dailyCap: null, lowBalanceThreshold: null, monthlyAllowance: 250.5 });
    for (const payload of [{ dailyCap: -1 }, { monthlyAllowance: null }, { resetAt: 'soon' }, { bogus: 1 }]) {
      expect((await call('PATCH', '/credits/settings', admin.headers, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('reads and overrides the costs per feature', async () => {
    const r = await call('GET', '/credits/costs', viewer.headers);
    expect(r.json().items).toEqual([
      { feature: 'email_find', costMilli: 1000, cost: 1, defaultMilli: 1000, source: 'default' },
      { feature: 'email_verify', costMilli: 500, cost: 0.5, defaultMilli: 500, source: 'default' },
    ]);
    expect((await call('PUT', '/credits/costs', member.headers, { costs: { email_find: 2 } })).statusCode).toBe(403);
    const put = await call('PUT', '/credits/costs', admin.headers, { costs: { email_find: 2, 'enrich:acme': 0.25 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().items).toEqual([
      { feature: 'email_find', costMilli: 2000, cost: 2, defaultMilli: 1000, source: 'workspace' },
      { feature: 'email_verify', costMilli: 500, cost: 0.5, defaultMilli: 500, source: 'default' },
      { feature: 'enrich:acme', costMilli: 250, cost: 0.25, defaultMilli: null, source: 'workspace' },
    ]);
    const back = await call('PUT', '/credits/costs', admin.headers, { costs: { email_find: null, 'enrich:acme': null } });
    expect(back.json().items).toHaveLength(2);
    expect((await call('PUT', '/credits/costs', admin.headers, { costs: { 'Bad Feature': 1 } })).statusCode).toBe(400);
  });

  it('reports usage per feature and per day, charges minus refunds', async () => {
    const { owner: o, ctx } = await fundedWorkspace(t, 100_000);
    const charge = (key: string, feature: string, amountMilli: number) => chargeCredits(ctx, { amountMilli, feature, idempotencyKey: key, reference: item(key) });
    clock.set('2026-03-01T23:59:00Z');
    await charge('a', 'email_find', 1000);
    await charge('b', 'email_verify', 500);
    clock.set('2026-03-03T00:00:00Z');
    await charge('c', 'email_find', 1000);
    await charge('d', 'email_find', 1000);
    await refundCredits(ctx, { idempotencyKey: 'd', reason: 'no data found' });
    clock.set('2026-03-05T00:00:00Z');
    await charge('e', 'email_find', 1000); // outside the range below
    const r = await call('GET', '/credits/usage?from=2026-03-01&to=2026-03-03&groupBy=day', o.headers);
    expect(r.statusCode).toBe(200);
    const u = r.json();
    expect(u).toMatchObject({ from: '2026-03-01', to: '2026-03-03', totalUsedMilli: 2500, totalUsed: 2.5 });
    expect(u.features).toEqual([
      { feature: 'email_find', usedMilli: 2000, used: 2, chargedMilli: 3000, refundedMilli: 1000, charges: 3, refunds: 1 },
      { feature: 'email_verify', usedMilli: 500, used: 0.5, chargedMilli: 500, refundedMilli: 0, charges: 1, refunds: 0 },
    ]);
    expect(u.days).toEqual([
      { date: '2026-03-01', usedMilli: 1500, used: 1.5, featuresMilli: { email_find: 1000, email_verify: 500 } },
      { date: '2026-03-02', usedMilli: 0, used: 0, featuresMilli: {} },
      { date: '2026-03-03', usedMilli: 1000, used: 1, featuresMilli: { email_find: 1000 } },
    ]);
    const def = await call('GET', '/credits/usage', o.headers);
    expect(def.json()).toMatchObject({ from: '2026-02-04', to: '2026-03-05', totalUsedMilli: 3500 });
    expect(def.json().days).toHaveLength(30);
    for (const q of ['from=2026-03-04&to=2026-03-01', 'from=2026-13-01', 'from=yesterday', 'from=2024-01-01&to=2026-01-01', 'groupBy=hour']) {
      const bad = await call('GET', `/credits/usage?${q}`, o.headers);
      expect(bad.statusCode, q).toBe(400);
    }
  });

  it('pages through the transactions newest first, filtered by kind', async () => {
    const { owner: o, ctx } = await fundedWorkspace(t, 10_000);
    for (const k of ['1', '2', '3']) await chargeCredits(ctx, { amountMilli: 1000, feature: 'email_find', idempotencyKey: k, reference: item(k) });
    const p1 = await call('GET', '/credits/transactions?limit=2&kind=charge', o.headers);
    expect(p1.statusCode).toBe(200);
    expect(p1.json().items.map((i: { reference: { id: string } }) => i.reference.id)).toEqual(['3', '2']);
    expect(p1.json().items[0]).toMatchObject({ kind: 'charge', amountMilli: -1000, amount: -1, balanceAfterMilli: 7000, balanceAfter: 7, feature: 'email_find' });
    const p2 = await call('GET', `/credits/transactions?limit=2&kind=charge&cursor=${p1.json().nextCursor}`, o.headers);
    expect(p2.json().items.map((i: { reference: { id: string } }) => i.reference.id)).toEqual(['1']);
    expect(p2.json().nextCursor).toBeNull();
    const all = await call('GET', '/credits/transactions', o.headers);
    expect(all.json().items.map((i: { kind: string }) => i.kind)).toEqual(['charge', 'charge', 'charge', 'adjust', 'grant']);
    for (const q of ['limit=0', 'limit=201', 'cursor=abc', 'kind=gift']) {
      expect((await call('GET', `/credits/transactions?${q}`, o.headers)).statusCode, q).toBe(400);
    }
    // Another workspace's member sees none of these rows.
    const other = await call('GET', '/credits/transactions', owner.headers);
    expect(other.json().items.some((i: { reference: { id: string } | null }) => i.reference?.id === '3')).toBe(false);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const p of ['/api/v1/credits', '/api/v1/credits/usage', '/api/v1/credits/transactions', '/api/v1/credits/grant', '/api/v1/credits/costs', '/api/v1/notifications']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});
