import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/core/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, freshEmail, PASSWORD, refreshCookie, register, type Session } from './auth-helpers.js';

describe('auth sessions: register, me, refresh rotation, reuse detection, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('runs the browser flow with the refresh token in an httpOnly cookie', async () => {
    const email = freshEmail('browser');
    const reg = await call(t, { url: '/auth/register', body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Grace', workspaceName: 'Acme' } });
    expect(reg.statusCode).toBe(201);
    const session = reg.json() as Session;
    expect(session.refreshToken).toBeUndefined();
    expect(session.user).toMatchObject({ email, name: 'Grace', emailVerified: false });
    expect(session.workspace).toMatchObject({ name: 'Acme', role: 'owner' });
    const cookie = refreshCookie(reg)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(cookie.secure).toBeFalsy();

    const me = await call(t, { method: 'GET', url: '/auth/me', token: session.accessToken });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: session.user,
      workspace: session.workspace,
      workspaces: [session.workspace],
    });

    const r1 = await call(t, { url: '/auth/refresh', cookie: cookie.header });
    expect(r1.statusCode).toBe(200);
    const rotated = refreshCookie(r1)!;
    expect(rotated.value).not.toBe(cookie.value);
    expect((r1.json() as Session).refreshToken).toBeUndefined();
    expect((r1.json() as Session).workspace).toEqual(session.workspace);

    // The replaced cookie presented again: the whole family ends, the new cookie too.
    const reuse = await call(t, { url: '/auth/refresh', cookie: cookie.header });
    expect(reuse.statusCode).toBe(401);
    // A refresh cookie that failed is cleared, so the browser stops presenting it.
    expect(refreshCookie(reuse)?.value).toBe('');
    expect(reuse.json().error.code).toBe('UNAUTHENTICATED');
    expect(reuse.json().error.message).toMatch(/already used/);
    const afterReuse = await call(t, { url: '/auth/refresh', cookie: rotated.header });
    expect(afterReuse.statusCode).toBe(401);
    // ...and the access tokens of that session stop working at once.
    const meAfter = await call(t, { method: 'GET', url: '/auth/me', token: (r1.json() as Session).accessToken });
    expect(meAfter.statusCode).toBe(401);

    const audit = await queryRows<{ action: string }>(t.db.database.db, sql`select action from audit_events where actor_user_id = ${session.user.id} order by id`);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['user.registered', 'auth.refresh_reuse_detected']));
  });

  it('runs the API-client flow with the refresh token in the body, and logs out', async () => {
    const { email, session } = await register(t);
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const r1 = await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const s1 = r1.json() as Session;
    expect(s1.refreshToken).toBeTruthy();
    expect(s1.refreshToken).not.toBe(session.refreshToken);
    expect(refreshCookie(r1)).toBeUndefined();

    const login = await call(t, { url: '/auth/login', body: { email, password: PASSWORD, clientType: 'api' } });
    expect(login.statusCode).toBe(200);
    const other = login.json() as Session;

    const out = await call(t, { url: '/auth/logout', body: { refreshToken: s1.refreshToken } });
    expect(out.statusCode).toBe(204);
    expect(refreshCookie(out)?.value).toBe('');
    expect((await call(t, { url: '/auth/refresh', body: { refreshToken: s1.refreshToken } })).statusCode).toBe(401);
    expect((await call(t, { method: 'GET', url: '/auth/me', token: s1.accessToken })).statusCode).toBe(401);
    // Logging out one session leaves the others alone.
    expect((await call(t, { method: 'GET', url: '/auth/me', token: other.accessToken })).statusCode).toBe(200);
    // Logging out twice is fine.
    expect((await call(t, { url: '/auth/logout', body: { refreshToken: s1.refreshToken } })).statusCode).toBe(204);
  });

  it('logs out the session of the access token when no refresh token is sent', async () => {
    const { session } = await register(t);
    const out = await call(t, { url: '/auth/logout', token: session.accessToken });
    expect(out.statusCode).toBe(204);
    expect((await call(t, { method: 'GET', url: '/auth/me', token: session.accessToken })).statusCode).toBe(401);
    expect((await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
  });

  it('logs out a browser session by its cookie', async () => {
    const reg = await call(t, { url: '/auth/register', body: { email: freshEmail('cookie'), password: PASSWORD, name: 'C' } });
    const cookie = refreshCookie(reg)!;
    const out = await call(t, { url: '/auth/logout', cookie: cookie.header });
    expect(out.statusCode).toBe(204);
    expect(refreshCookie(out)).toMatchObject({ value: '', path: '/api/v1/auth' });
    expect((await call(t, { url: '/auth/refresh', cookie: cookie.header })).statusCode).toBe(401);
  });

  it('refuses a wrong password or an unknown email with the same 401', async () => {
    const { email } = await register(t);
    const wrong = await call(t, { url: '/auth/login', body: { email, password: 'not the password' } });
    const unknown = await call(t, { url: '/auth/login', body: { email: freshEmail('nobody'), password: PASSWORD } });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Email or password is incorrect' });
    }
    const ok = await call(t, { url: '/auth/login', body: { email: ` ${email.toUpperCase()}`, password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a second account with the same email (409)', async () => {
    const { email } = await register(t);
    const again = await call(t, { url: '/auth/register', body: { email: email.toUpperCase(), password: PASSWORD, name: 'Copy' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });
});
