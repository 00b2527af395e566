import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/domains/workspaces/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, PASSWORD, refreshCookie, register, type Session } from './auth-helpers.js';

describe('auth: change password and switch workspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('changes the password, keeps this session and ends the others', async () => {
    const { email, session: current } = await register(t);
    const otherLogin = await call(t, { url: '/auth/login', body: { email, password: PASSWORD } });
    const otherCookie = refreshCookie(otherLogin)!;
    const other = otherLogin.json() as Session;

    const wrong = await call(t, { url: '/auth/change-password', token: current.accessToken, body: { currentPassword: 'wrong password!', newPassword: 'a brand new password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([{ path: 'currentPassword', message: 'The current password is incorrect' }]);

    const short = await call(t, { url: '/auth/change-password', token: current.accessToken, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/at least 10 characters/);

    const ok = await call(t, { url: '/auth/change-password', token: current.accessToken, body: { currentPassword: PASSWORD, newPassword: 'a brand new password' } });
    expect(ok.statusCode).toBe(204);

    // The other session is over: its refresh token and its access token.
    expect((await call(t, { url: '/auth/refresh', cookie: otherCookie.header })).statusCode).toBe(401);
    expect((await call(t, { method: 'GET', url: '/auth/me', token: other.accessToken })).statusCode).toBe(401);
    // This one goes on.
    expect((await call(t, { method: 'GET', url: '/auth/me', token: current.accessToken })).statusCode).toBe(200);
    expect((await call(t, { url: '/auth/refresh', body: { refreshToken: current.refreshToken } })).statusCode).toBe(200);

    expect((await call(t, { url: '/auth/login', body: { email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await call(t, { url: '/auth/login', body: { email, password: 'a brand new password' } })).statusCode).toBe(200);
  });

  it('switches to a workspace the user belongs to, remembers it for refresh and the next log-in', async () => {
    const { email, session } = await register(t);
    const second = await createWorkspace(t.ctx(), { name: 'Second', ownerUserId: session.user.id });

    const sw = await call(t, { url: '/auth/switch-workspace', token: session.accessToken, body: { workspaceId: second.id } });
    expect(sw.statusCode).toBe(200);
    const switched = sw.json() as Session;
    expect(switched.workspace).toEqual({ id: second.id, name: 'Second', role: 'owner' });
    expect(switched.refreshToken).toBeUndefined();

    const me = await call(t, { method: 'GET', url: '/auth/me', token: switched.accessToken });
    expect(me.json().workspace.id).toBe(second.id);
    expect(me.json().workspaces).toHaveLength(2);

    // The session's refresh token now refreshes into the new workspace.
    const refreshed = await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } });
    expect((refreshed.json() as Session).workspace?.id).toBe(second.id);
    // A new log-in opens the last workspace.
    const login = await call(t, { url: '/auth/login', body: { email, password: PASSWORD } });
    expect((login.json() as Session).workspace?.id).toBe(second.id);
  });

  it("refuses to switch into someone else's workspace (403) or a malformed id (400)", async () => {
    const { session } = await register(t);
    const { session: stranger } = await register(t);
    const res = await call(t, { url: '/auth/switch-workspace', token: session.accessToken, body: { workspaceId: stranger.workspace!.id } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const bad = await call(t, { url: '/auth/switch-workspace', token: session.accessToken, body: { workspaceId: 'not-a-uuid' } });
    expect(bad.statusCode).toBe(400);
    const anon = await call(t, { url: '/auth/switch-workspace', body: { workspaceId: stranger.workspace!.id } });
    expect(anon.statusCode).toBe(401);
  });

  it('opens the first membership at log-in when the last workspace is gone', async () => {
    const { email, session } = await register(t);
    const second = await createWorkspace(t.ctx(), { name: 'Later', ownerUserId: session.user.id });
    await call(t, { url: '/auth/switch-workspace', token: session.accessToken, body: { workspaceId: second.id } });
    await t.db.database.db.execute(`delete from workspaces where id = '${second.id}'` as never);
    const login = await call(t, { url: '/auth/login', body: { email, password: PASSWORD } });
    expect((login.json() as Session).workspace?.id).toBe(session.workspace!.id);
  });
});
