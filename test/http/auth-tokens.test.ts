import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import { signAccessToken } from '../../src/domains/auth/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestApiKey } from '../helpers/auth.js';
import { call, register } from './auth-helpers.js';

describe('auth: access tokens that must not work', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  const me = (token: string) => call(t, { method: 'GET', url: '/auth/me', token });

  it('accepts a fresh token, refuses it once expired (401) until refreshed', async () => {
    const { session } = await register(t);
    expect((await me(session.accessToken)).statusCode).toBe(200);
    expect(session.accessTokenExpiresAt).toBe('2026-03-01T09:15:00.000Z');
    clock.advance(15 * 60 * 1000 + 1000);
    const expired = await me(session.accessToken);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/);
    const refreshed = await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    expect((await me(refreshed.json().accessToken)).statusCode).toBe(200);
  });

  it('refuses a token signed with another secret, or one that is not a JWT (401)', async () => {
    const { session } = await register(t);
    const forged = await signAccessToken(
      testConfig({ secret: 'another-secret-that-is-long-enough-9876543210' }),
      { userId: session.user.id, workspaceId: session.workspace!.id, sessionId: '00000000-0000-4000-8000-000000000000' },
      clock.now(),
    );
    for (const token of [forged.token, 'garbage', `${session.accessToken.slice(0, -4)}AAAA`, 'a.b.c']) {
      const r = await me(token);
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/Invalid access token|Malformed/) });
    }
    const noScheme = await call(t, { method: 'GET', url: '/auth/me', headers: { authorization: session.accessToken } });
    expect(noScheme.statusCode).toBe(401);
  });

  it('keeps API keys out of the account routes (403)', async () => {
    const { session } = await register(t);
    const { key } = await createTestApiKey(t, session.workspace!.id, 'admin');
    const r = await me(key);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    const sw = await call(t, { url: '/auth/switch-workspace', token: key, body: { workspaceId: session.workspace!.id } });
    expect(sw.statusCode).toBe(403);
  });

  it('expires a refresh token that is not used within its lifetime', async () => {
    const { session } = await register(t);
    clock.advance(t.config.refreshTokenTtlS * 1000 + 1000);
    const r = await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(/expired/);
    expect((await call(t, { url: '/auth/refresh', body: { refreshToken: 'never-issued' } })).statusCode).toBe(401);
    expect((await call(t, { url: '/auth/refresh' })).statusCode).toBe(401);
  });
});
