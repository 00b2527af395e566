import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { apiKeys } from '../../src/domains/auth/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, bearer, createUserWithWorkspace, signInAs, snapshotWorkspace, type TestOwner } from '../helpers/auth.js';

describe('API keys: create, authenticate, list, revoke', () => {
  let t: TestApp;
  let owner: TestOwner;
  const clock = new ManualClock('2026-04-01T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    owner = await createUserWithWorkspace(t, { workspaceName: 'Keys Inc' });
  });
  afterAll(async () => t.close());

  const create = (headers: { authorization: string }, name: string, role: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/workspace/api-keys', headers, payload: { name, role } });
  const list = async (headers = owner.headers) => (await t.app.inject({ method: 'GET', url: '/api/v1/workspace/api-keys', headers })).json().items;
  const revoke = (headers: { authorization: string }, id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/workspace/api-keys/${id}`, headers });

  it('shows the key once, stores only its hash, authenticates with it, tracks last use, and 401s once revoked', async () => {
    const r = await create(owner.headers, ' CRM sync ', 'member');
    expect(r.statusCode).toBe(201);
    const { apiKey, key } = r.json();
    expect(key).toMatch(/^lf_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: 'CRM sync',
      prefix: key.slice(3, 11),
      role: 'member',
      createdAt: clock.now().toISOString(),
      lastUsedAt: null,
      createdBy: owner.id,
      createdByEmail: owner.email,
    });
    // The database holds a hash, not the key.
    const [row] = await t.ctx().db.select().from(apiKeys);
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(12));

    clock.advance(5 * 60_000);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: bearer(key) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ id: owner.workspaceId, name: 'Keys Inc', role: 'member' });

    const { headers } = await signInAs(t, owner.id, owner.workspaceId);
    owner = { ...owner, headers };
    const items = await list();
    expect(items).toEqual([{ ...apiKey, lastUsedAt: clock.now().toISOString() }]);
    expect(JSON.stringify(items)).not.toContain(key);
    expect(JSON.stringify(items)).not.toMatch(/hash/i);

    expect((await revoke(owner.headers, apiKey.id)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: bearer(key) });
    expect(after.statusCode).toBe(401);
    expect(await list()).toEqual([]);
    expect((await revoke(owner.headers, apiKey.id)).statusCode).toBe(204);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=api_key.*', headers: owner.headers });
    expect(audit.json().items.map((e: { action: string; metadata: unknown }) => [e.action, e.metadata])).toEqual([
      ['api_key.revoked', { name: 'CRM sync', role: 'member', prefix: apiKey.prefix }],
      ['api_key.created', { name: 'CRM sync', role: 'member', prefix: apiKey.prefix }],
    ]);
    expect(JSON.stringify(audit.json())).not.toContain(key);
  });

  it('rejects a tampered or malformed key with 401', async () => {
    const { key } = (await create(owner.headers, 'tamper', 'viewer')).json();
    const tampered = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: bearer(tampered) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: bearer('lf_short') })).statusCode).toBe(401);
  });

  it("enforces the key's own role on every route", async () => {
    const viewerKey = (await create(owner.headers, 'read only', 'viewer')).json().key;
    const memberKey = (await create(owner.headers, 'writer', 'member')).json().key;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace/members', headers: bearer(viewerKey) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: bearer(memberKey), payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace/api-keys', headers: bearer(memberKey) })).statusCode).toBe(403);
    expect((await create(bearer(memberKey), 'escalate', 'viewer')).statusCode).toBe(403);
  });

  it('never creates a key above the creator; an admin key manages keys but never reaches user routes', async () => {
    const admin = await addMember(t, owner.workspaceId, 'admin');
    expect((await create(admin.headers, 'admin made', 'admin')).statusCode).toBe(201);
    expect((await create(owner.headers, 'owner key', 'owner')).statusCode).toBe(400);

    const adminKey = (await create(owner.headers, 'automation', 'admin')).json().key;
    const made = await create(bearer(adminKey), 'made by a key', 'viewer');
    expect(made.statusCode).toBe(201);
    expect(made.json().apiKey).toMatchObject({ createdBy: null, createdByEmail: null, role: 'viewer' });
    expect((await revoke(bearer(adminKey), made.json().apiKey.id)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: bearer(adminKey) })).statusCode).toBe(403);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=api_key.created&limit=1', headers: owner.headers });
    expect(audit.json().items[0]).toMatchObject({ actorType: 'api_key', actorUserId: null, metadata: { name: 'made by a key', role: 'viewer' } });
  });

  it('refuses members and viewers every key operation, writing nothing', async () => {
    const target = (await create(owner.headers, 'target', 'viewer')).json().apiKey;
    for (const role of ['member', 'viewer'] as const) {
      const who = await addMember(t, owner.workspaceId, role);
      const before = await snapshotWorkspace(t, owner.workspaceId);
      expect((await create(who.headers, 'mine', 'viewer')).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace/api-keys', headers: who.headers })).statusCode).toBe(403);
      expect((await revoke(who.headers, target.id)).statusCode).toBe(403);
      expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);
    }
  });

  it('validates names, roles and ids', async () => {
    for (const payload of [{ name: '', role: 'viewer' }, { name: 'x'.repeat(101), role: 'viewer' }, { name: 'ok' }, { name: 'ok', role: 'viewer', key: 'lf_mine' }]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspace/api-keys', headers: owner.headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await revoke(owner.headers, 'nope')).statusCode).toBe(400);
    expect((await revoke(owner.headers, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
