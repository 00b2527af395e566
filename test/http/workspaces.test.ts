import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUser, createUserWithWorkspace, signInAs, snapshotWorkspace, type TestOwner } from '../helpers/auth.js';

describe('workspaces: list mine, create, get and rename the current one', () => {
  let t: TestApp;
  let owner: TestOwner;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t, { workspaceName: 'Acme Sales' });
  });
  afterAll(async () => t.close());

  it('lists the workspaces of the signed-in user with their role in each', async () => {
    const other = await createUserWithWorkspace(t, { workspaceName: 'Globex' });
    const { headers } = await signInAs(t, other.id, other.workspaceId);
    const joined = await addMember(t, owner.workspaceId, 'viewer');
    // `joined` belongs to Acme only; `other` owns Globex only.
    const r1 = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().items).toEqual([{ id: other.workspaceId, name: 'Globex', role: 'owner' }]);
    const r2 = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: joined.headers });
    expect(r2.json().items).toEqual([{ id: owner.workspaceId, name: 'Acme Sales', role: 'viewer' }]);
  });

  it('creates a workspace whose creator is the owner; the user then belongs to several', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: owner.headers, payload: { name: '  Beta Team ' } });
    expect(r.statusCode).toBe(201);
    const created = r.json();
    expect(created).toMatchObject({ name: 'Beta Team', role: 'owner' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: owner.headers });
    expect(list.json().items).toEqual([
      { id: owner.workspaceId, name: 'Acme Sales', role: 'owner' },
      { id: created.id, name: 'Beta Team', role: 'owner' },
    ]);
    // A token for the new workspace acts there.
    const { headers } = await signInAs(t, owner.id, created.id);
    const cur = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers });
    expect(cur.json()).toEqual({ id: created.id, name: 'Beta Team', role: 'owner' });
  });

  it('lets a user without any workspace create one', async () => {
    const loner = await createUser(t);
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: loner.headers, payload: { name: 'Solo' } });
    expect(r.statusCode).toBe(201);
    // The token has no workspace yet, so workspace routes are refused until switching.
    const cur = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: loner.headers });
    expect(cur.statusCode).toBe(403);
  });

  it('rejects bad workspace names and unknown fields', async () => {
    for (const payload of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, {}, { name: 'Ok', extra: 1 }, { name: 42 }]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: owner.headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION');
    }
  });

  it('needs a signed-in user, not an API key, for the user-level routes', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces' });
    expect(anon.statusCode).toBe(401);
    const key = await createTestApiKey(t, owner.workspaceId, 'admin');
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: key.headers, payload: { name: 'Via key' } });
    expect(r.statusCode).toBe(403);
    const l = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: key.headers });
    expect(l.statusCode).toBe(403);
  });

  it('shows the current workspace with the caller role (an API key shows its own role)', async () => {
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: viewer.headers });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id: owner.workspaceId, name: 'Acme Sales', role: 'viewer' });
    const key = await createTestApiKey(t, owner.workspaceId, 'member');
    const k = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: key.headers });
    expect(k.json()).toEqual({ id: owner.workspaceId, name: 'Acme Sales', role: 'member' });
  });

  it('renames the workspace (admin), records the audit event, refuses members and viewers', async () => {
    const admin = await addMember(t, owner.workspaceId, 'admin');
    const member = await addMember(t, owner.workspaceId, 'member');
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    const before = await snapshotWorkspace(t, owner.workspaceId);
    for (const who of [member, viewer]) {
      const r = await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: who.headers, payload: { name: 'Hacked' } });
      expect(r.statusCode).toBe(403);
    }
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);

    const r = await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: admin.headers, payload: { name: 'Acme Growth' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id: owner.workspaceId, name: 'Acme Growth', role: 'admin' });
    const cur = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: owner.headers });
    expect(cur.json().name).toBe('Acme Growth');

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=workspace.renamed', headers: owner.headers });
    expect(audit.json().items[0]).toMatchObject({
      action: 'workspace.renamed',
      actorUserId: admin.id,
      actorEmail: admin.email,
      targetType: 'workspace',
      targetId: owner.workspaceId,
      metadata: { from: 'Acme Sales', to: 'Acme Growth' },
    });

    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: admin.headers, payload: { name: 'X', role: 'owner' } });
    expect(bad.statusCode).toBe(400);
  });

  it('documents every route of the area in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/workspaces',
      '/api/v1/workspace',
      '/api/v1/workspace/members',
      '/api/v1/workspace/members/{userId}',
      '/api/v1/workspace/invitations',
      '/api/v1/workspace/invitations/{id}',
      '/api/v1/invitations/{token}',
      '/api/v1/invitations/{token}/accept',
      '/api/v1/workspace/api-keys',
      '/api/v1/workspace/api-keys/{id}',
      '/api/v1/workspace/audit',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(doc.paths['/api/v1/workspace/api-keys'].post.responses['201']).toBeDefined();
  });
});
