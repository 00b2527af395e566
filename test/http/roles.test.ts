import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAtLeast, type Role } from '../../src/core/roles.js';
import { createInvitation, memberships } from '../../src/domains/workspaces/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, signInAs, snapshotWorkspace } from '../helpers/auth.js';

/** What a case needs to address real rows of a fresh workspace. */
interface Fixture {
  workspaceId: string;
  memberUserId: string;
  invitationId: string;
  apiKeyId: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: (f: Fixture) => string;
  payload?: unknown;
  /** Lowest role that may call it. */
  minRole: Role;
  /** User-level routes: a signed-in user only, never an API key. */
  userOnly?: boolean;
}

/** Every route of the area with the lowest role it needs (docs/API-FOUNDATION.md). */
const ROUTES: RouteCase[] = [
  { method: 'GET', url: () => '/api/v1/workspaces', minRole: 'viewer', userOnly: true },
  { method: 'POST', url: () => '/api/v1/workspaces', payload: { name: 'Another' }, minRole: 'viewer', userOnly: true },
  { method: 'GET', url: () => '/api/v1/workspace', minRole: 'viewer' },
  { method: 'PATCH', url: () => '/api/v1/workspace', payload: { name: 'Renamed' }, minRole: 'admin' },
  { method: 'GET', url: () => '/api/v1/workspace/members', minRole: 'viewer' },
  { method: 'PATCH', url: (f) => `/api/v1/workspace/members/${f.memberUserId}`, payload: { role: 'viewer' }, minRole: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/workspace/members/${f.memberUserId}`, minRole: 'admin' },
  { method: 'GET', url: () => '/api/v1/workspace/invitations', minRole: 'admin' },
  { method: 'POST', url: () => '/api/v1/workspace/invitations', payload: { email: 'new@example.test', role: 'member' }, minRole: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/workspace/invitations/${f.invitationId}`, minRole: 'admin' },
  { method: 'GET', url: () => '/api/v1/workspace/api-keys', minRole: 'admin' },
  { method: 'POST', url: () => '/api/v1/workspace/api-keys', payload: { name: 'new', role: 'viewer' }, minRole: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/workspace/api-keys/${f.apiKeyId}`, minRole: 'admin' },
  { method: 'GET', url: () => '/api/v1/workspace/audit', minRole: 'admin' },
];

type Caller = { kind: 'user'; role: Role } | { kind: 'api_key'; role: 'admin' | 'member' | 'viewer' };
const CALLERS: Caller[] = [
  { kind: 'user', role: 'viewer' },
  { kind: 'user', role: 'member' },
  { kind: 'user', role: 'admin' },
  { kind: 'user', role: 'owner' },
  { kind: 'api_key', role: 'viewer' },
  { kind: 'api_key', role: 'member' },
  { kind: 'api_key', role: 'admin' },
];

const allowed = (route: RouteCase, caller: Caller) => roleAtLeast(caller.role, route.minRole) && !(route.userOnly && caller.kind === 'api_key');

describe('role matrix of the workspace routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** A fresh workspace with a member, an open invitation and an API key, plus the caller's credentials. */
  async function arrange(caller: Caller) {
    const owner = await createUserWithWorkspace(t);
    const member = await addMember(t, owner.workspaceId, 'member');
    const invitation = await createInvitation(t.ctx(owner.workspaceId), { email: `pending-${member.id}@example.test`, role: 'viewer' });
    const key = await createTestApiKey(t, owner.workspaceId, 'viewer');
    const fixture: Fixture = { workspaceId: owner.workspaceId, memberUserId: member.id, invitationId: invitation.id, apiKeyId: key.id };
    let headers: { authorization: string };
    if (caller.kind === 'api_key') headers = (await createTestApiKey(t, owner.workspaceId, caller.role, 'caller')).headers;
    else if (caller.role === 'owner') headers = owner.headers;
    else headers = (await addMember(t, owner.workspaceId, caller.role)).headers;
    return { fixture, headers };
  }

  for (const route of ROUTES) {
    const label = `${route.method} ${route.url({ workspaceId: ':ws', memberUserId: ':userId', invitationId: ':id', apiKeyId: ':id' })}`;
    it(`${label}: ${route.userOnly ? 'signed-in users only' : `${route.minRole} and above`}`, async () => {
      for (const caller of CALLERS) {
        const { fixture, headers } = await arrange(caller);
        const before = await snapshotWorkspace(t, fixture.workspaceId);
        const mails = t.mailer.sent.length;
        const r = await t.app.inject({ method: route.method, url: route.url(fixture), headers, payload: route.payload as object | undefined });
        const who = `${caller.kind} ${caller.role}`;
        if (allowed(route, caller)) {
          expect(r.statusCode, `${who}: ${r.body}`).toBeLessThan(300);
        } else {
          expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
          expect(r.json().error.code).toBe('FORBIDDEN');
          // Refused means refused: not a row changed, not a mail sent.
          expect(await snapshotWorkspace(t, fixture.workspaceId), who).toEqual(before);
          expect(t.mailer.sent.length, who).toBe(mails);
        }
      }
    });
  }

  it('without credentials every route answers 401, except the public invitation lookup', async () => {
    const f: Fixture = { workspaceId: 'x', memberUserId: '00000000-0000-4000-8000-000000000000', invitationId: '00000000-0000-4000-8000-000000000000', apiKeyId: '00000000-0000-4000-8000-000000000000' };
    for (const route of ROUTES) {
      const r = await t.app.inject({ method: route.method, url: route.url(f), payload: route.payload as object | undefined });
      expect(r.statusCode, `${route.method} ${route.url(f)}`).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/invitations/unknown-token-000000000000' })).statusCode).toBe(404);
  });

  it('a role holds in its own workspace only: admin in one, viewer in another', async () => {
    const a = await createUserWithWorkspace(t);
    const b = await createUserWithWorkspace(t);
    const both = await addMember(t, a.workspaceId, 'admin');
    // The same user is a viewer of B.
    await t.ctx().db.insert(memberships).values({ workspaceId: b.workspaceId, userId: both.id, role: 'viewer' });
    const inB = await signInAs(t, both.id, b.workspaceId);
    const before = await snapshotWorkspace(t, b.workspaceId);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: inB.headers, payload: { name: 'Taken over' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit', headers: inB.headers })).statusCode).toBe(403);
    expect(await snapshotWorkspace(t, b.workspaceId)).toEqual(before);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/workspace', headers: both.headers, payload: { name: 'Fine in A' } })).statusCode).toBe(200);
  });
});
