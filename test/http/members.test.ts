import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, snapshotWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';

type Caller = { headers: { authorization: string } };
const url = (userId = '') => `/api/v1/workspace/members${userId ? `/${userId}` : ''}`;

describe('members: list, change role, remove, leave', () => {
  let t: TestApp;
  let owner: TestOwner;
  let admin: TestUser;
  let member: TestUser;
  let viewer: TestUser;

  const t0 = createTestApp();
  afterAll(async () => (await t0).close());
  // A fresh workspace per test: every rule starts from owner + admin + member + viewer.
  beforeEach(async () => {
    t = await t0;
    owner = await createUserWithWorkspace(t, { name: 'Olive Owner' });
    admin = await addMember(t, owner.workspaceId, 'admin');
    member = await addMember(t, owner.workspaceId, 'member');
    viewer = await addMember(t, owner.workspaceId, 'viewer');
  });

  const setRole = (as: Caller, target: { id: string }, role: string) =>
    t.app.inject({ method: 'PATCH', url: url(target.id), headers: as.headers, payload: { role } });
  const remove = (as: Caller, target: { id: string }) => t.app.inject({ method: 'DELETE', url: url(target.id), headers: as.headers });
  const roles = async () => {
    const r = await t.app.inject({ method: 'GET', url: url(), headers: owner.headers });
    return Object.fromEntries(r.json().items.map((m: { userId: string; role: string }) => [m.userId, m.role]));
  };

  it('lists members with email, name, role and join date to any member', async () => {
    const r = await t.app.inject({ method: 'GET', url: url(), headers: viewer.headers });
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({ userId: owner.id, email: owner.email, name: 'Olive Owner', role: 'owner', joinedAt: expect.any(String) });
    expect(items.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'member', 'owner', 'viewer']);
    expect(JSON.stringify(items)).not.toMatch(/password|hash/i);
  });

  it('lets an admin change roles below owner and records the change', async () => {
    const r = await setRole(admin, member, 'viewer');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ userId: member.id, email: member.email, role: 'viewer' });
    expect((await roles())[member.id]).toBe('viewer');
    // Admins may manage other admins too.
    const other = await addMember(t, owner.workspaceId, 'admin');
    expect((await setRole(admin, other, 'member')).statusCode).toBe(200);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=member.role_changed', headers: owner.headers });
    expect(audit.json().items.map((e: { targetId: string; metadata: unknown }) => [e.targetId, e.metadata])).toEqual([
      [other.id, { email: other.email, from: 'admin', to: 'member' }],
      [member.id, { email: member.email, from: 'member', to: 'viewer' }],
    ]);
  });

  it('the new role takes effect on the next request, without a new token', async () => {
    expect((await setRole(owner, member, 'viewer')).statusCode).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: member.headers });
    expect(r.json().role).toBe('viewer');
  });

  it('only an owner grants or takes away the owner role', async () => {
    const before = await snapshotWorkspace(t, owner.workspaceId);
    const grant = await setRole(admin, member, 'owner');
    expect(grant.statusCode).toBe(403);
    const selfPromote = await setRole(admin, admin, 'owner');
    expect(selfPromote.statusCode).toBe(403);
    const demoteOwner = await setRole(admin, owner, 'viewer');
    expect(demoteOwner.statusCode).toBe(403);
    expect(demoteOwner.json().error.message).toMatch(/owner/);
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);

    expect((await setRole(owner, admin, 'owner')).statusCode).toBe(200);
    // Now two owners: one may demote the other, or themself.
    expect((await setRole(admin, owner, 'admin')).statusCode).toBe(200);
    expect(await roles()).toMatchObject({ [owner.id]: 'admin', [admin.id]: 'owner' });
  });

  it('never leaves a workspace without an owner (409)', async () => {
    const demote = await setRole(owner, owner, 'admin');
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/last owner/) });
    const leave = await remove(owner, owner);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.message).toMatch(/last owner/);
    expect((await roles())[owner.id]).toBe('owner');

    // With a second owner, the first can leave.
    await setRole(owner, admin, 'owner');
    expect((await remove(owner, owner)).statusCode).toBe(204);
    const last = await remove(admin, admin);
    expect(last.statusCode).toBe(409);
  });

  it('two owners demoting each other, or both leaving, at once keep one owner', async () => {
    await setRole(owner, admin, 'owner');
    const [a, b] = await Promise.all([setRole(owner, admin, 'member'), setRole(admin, owner, 'member')]);
    // One wins; the other actor is no longer an owner by the time its change runs.
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 403]);
    expect(Object.values(await rolesSeenBy(viewer)).filter((r) => r === 'owner')).toHaveLength(1);

    const owners = Object.entries(await rolesSeenBy(viewer)).filter(([, r]) => r === 'owner');
    const firstOwner = owners[0]![0] === owner.id ? owner : admin;
    const second = await addMember(t, owner.workspaceId, 'owner');
    const [l1, l2] = await Promise.all([remove(firstOwner, firstOwner), remove(second, second)]);
    expect([l1.statusCode, l2.statusCode].sort()).toEqual([204, 409]);
    expect(Object.values(await rolesSeenBy(viewer)).filter((r) => r === 'owner')).toHaveLength(1);
  });
  const rolesSeenBy = async (who: TestUser) => {
    const r = await t.app.inject({ method: 'GET', url: url(), headers: who.headers });
    return Object.fromEntries(r.json().items.map((m: { userId: string; role: string }) => [m.userId, m.role])) as Record<string, string>;
  };

  it('lets an admin remove a non-owner, refuses removing an owner unless an owner asks', async () => {
    expect((await remove(admin, member)).statusCode).toBe(204);
    expect((await roles())[member.id]).toBeUndefined();
    // The removed user's token no longer reaches the workspace.
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: member.headers });
    expect(after.statusCode).toBe(403);

    const before = await snapshotWorkspace(t, owner.workspaceId);
    expect((await remove(admin, owner)).statusCode).toBe(403);
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=member.removed', headers: owner.headers });
    expect(audit.json().items[0]).toMatchObject({ actorUserId: admin.id, targetId: member.id, metadata: { email: member.email, role: 'member', left: false } });
  });

  it('lets any member leave, but not remove others', async () => {
    const before = await snapshotWorkspace(t, owner.workspaceId);
    for (const [as, target] of [
      [viewer, member],
      [member, viewer],
      [member, admin],
    ] as const) {
      const r = await remove(as, target);
      expect(r.statusCode).toBe(403);
    }
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);
    expect((await remove(viewer, viewer)).statusCode).toBe(204);
    expect((await roles())[viewer.id]).toBeUndefined();
  });

  it('refuses members and viewers every role change, writing nothing', async () => {
    const before = await snapshotWorkspace(t, owner.workspaceId);
    for (const as of [member, viewer]) {
      for (const target of [member, viewer]) {
        const r = await setRole(as, target, 'admin');
        expect(r.statusCode).toBe(403);
      }
    }
    expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);
  });

  it('answers 404 for a user who is not a member, 400 for bad ids and roles', async () => {
    const stranger = await createUserWithWorkspace(t);
    expect((await setRole(owner, stranger, 'member')).statusCode).toBe(404);
    expect((await remove(owner, stranger)).statusCode).toBe(404);
    const badId = await t.app.inject({ method: 'PATCH', url: url('not-a-uuid'), headers: owner.headers, payload: { role: 'member' } });
    expect(badId.statusCode).toBe(400);
    expect((await setRole(owner, member, 'superuser')).statusCode).toBe(400);
    const extra = await t.app.inject({ method: 'PATCH', url: url(member.id), headers: owner.headers, payload: { role: 'admin', email: 'x@y.z' } });
    expect(extra.statusCode).toBe(400);
  });

  it('lets an admin API key manage non-owners but never owners; a member key nothing', async () => {
    const adminKey = await createTestApiKey(t, owner.workspaceId, 'admin');
    const memberKey = await createTestApiKey(t, owner.workspaceId, 'member');
    expect((await setRole(adminKey, member, 'viewer')).statusCode).toBe(200);
    expect((await setRole(adminKey, member, 'owner')).statusCode).toBe(403);
    expect((await setRole(adminKey, owner, 'admin')).statusCode).toBe(403);
    expect((await remove(adminKey, owner)).statusCode).toBe(403);
    expect((await remove(memberKey, viewer)).statusCode).toBe(403);
    expect((await remove(adminKey, viewer)).statusCode).toBe(204);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=member.removed', headers: owner.headers });
    expect(audit.json().items[0]).toMatchObject({ actorType: 'api_key', actorApiKeyId: adminKey.id, actorUserId: null, actorEmail: null });
  });
});
