import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, freshEmail, freshIp, PASSWORD } from './auth-helpers.js';

describe('auth: bad input gets a 4xx JSON error, never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const raw = (url: string, payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers: { 'content-type': contentType }, remoteAddress: freshIp() });

  const expectError = (res: { statusCode: number; json(): { error: { code: string; message: string } } }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(typeof res.json().error.message).toBe('string');
  };

  it('malformed JSON → 400', async () => {
    expectError(await raw('/auth/login', '{"email": "a@b.co", '), 400, 'VALIDATION');
    expectError(await raw('/auth/register', 'not json at all'), 400, 'VALIDATION');
  });

  it('unknown fields → 400 naming them', async () => {
    const r = await call(t, { url: '/auth/register', body: { email: freshEmail(), password: PASSWORD, name: 'N', isAdmin: true } });
    expectError(r, 400, 'VALIDATION');
    expect(JSON.stringify(r.json().error)).toContain('isAdmin');
  });

  it('wrong types and missing fields → 400', async () => {
    expectError(await call(t, { url: '/auth/login', body: { email: 42, password: PASSWORD } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/login', body: { email: freshEmail(), password: ['x'] } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/login', body: { email: freshEmail() } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/login', body: [1, 2] }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/register', body: { email: 'not-an-email', password: PASSWORD, name: 'N' } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/register', body: { email: freshEmail(), password: PASSWORD, name: '   ' } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/register', body: { email: freshEmail(), password: 'x'.repeat(257), name: 'N' } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/register', body: { email: freshEmail(), password: PASSWORD, name: 'N', clientType: 'mobile' } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/refresh', body: { refreshToken: 12 } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/password-reset/request', body: { email: null } }), 400, 'VALIDATION');
    expectError(await call(t, { url: '/auth/password-reset/confirm', body: { token: 'x'.repeat(5000), newPassword: PASSWORD } }), 400, 'VALIDATION');
  });

  it('a wrong content type → 4xx', async () => {
    const r = await raw('/auth/login', 'email=a@b.co&password=x', 'application/x-www-form-urlencoded');
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json().error.code).toBe('VALIDATION');
  });

  it('an oversize body → 413', async () => {
    const big = JSON.stringify({ email: freshEmail(), password: PASSWORD, name: 'x'.repeat(t.config.maxBodyBytes + 10) });
    expectError(await raw('/auth/register', big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a very long password is refused before any hashing', async () => {
    const r = await call(t, { url: '/auth/login', body: { email: freshEmail(), password: 'p'.repeat(10_000) } });
    expectError(r, 400, 'VALIDATION');
  });
});
