import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, freshEmail, PASSWORD, register, tokenFromMail, type Session } from './auth-helpers.js';

describe('auth: password reset and email verification by mailed link', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  it('resets a password with the mailed one-time token and ends every session', async () => {
    const { email, session } = await register(t);
    const req = await call(t, { url: '/auth/password-reset/request', body: { email: ` ${email.toUpperCase()} ` } });
    expect(req.statusCode).toBe(202);
    const mail = t.mailer.lastTo(email)!;
    expect(mail.subject).toMatch(/Reset/);
    expect(mail.text).toContain(`${t.config.publicUrl}/reset-password?token=`);
    const token = tokenFromMail(t, email, 'reset-password');

    const weak = await call(t, { url: '/auth/password-reset/confirm', body: { token, newPassword: 'aaaaaaaaaaaa' } });
    expect(weak.statusCode).toBe(400);

    const ok = await call(t, { url: '/auth/password-reset/confirm', body: { token, newPassword: 'reset to something new' } });
    expect(ok.statusCode).toBe(204);

    const again = await call(t, { url: '/auth/password-reset/confirm', body: { token, newPassword: 'reset to something else' } });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('GONE');

    expect((await call(t, { url: '/auth/refresh', body: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
    expect((await call(t, { method: 'GET', url: '/auth/me', token: session.accessToken })).statusCode).toBe(401);
    expect((await call(t, { url: '/auth/login', body: { email, password: PASSWORD } })).statusCode).toBe(401);
    const login = await call(t, { url: '/auth/login', body: { email, password: 'reset to something new' } });
    expect(login.statusCode).toBe(200);
    // The link reached the mailbox: the address counts as verified.
    expect((login.json() as Session).user.emailVerified).toBe(true);
  });

  it('answers 202 for an unknown email too, and sends nothing', async () => {
    const before = t.mailer.sent.length;
    const email = freshEmail('ghost');
    const res = await call(t, { url: '/auth/password-reset/request', body: { email } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    expect(t.mailer.sent.length).toBe(before);
  });

  it('refuses a reset token after an hour (410), and an unknown one (400)', async () => {
    const { email } = await register(t);
    await call(t, { url: '/auth/password-reset/request', body: { email } });
    const token = tokenFromMail(t, email, 'reset-password');
    clock.advance(60 * 60 * 1000 + 1000);
    const late = await call(t, { url: '/auth/password-reset/confirm', body: { token, newPassword: 'too late for this one' } });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.message).toMatch(/expired/);
    expect((await call(t, { url: '/auth/login', body: { email, password: PASSWORD } })).statusCode).toBe(200);
    const unknown = await call(t, { url: '/auth/password-reset/confirm', body: { token: 'made-up-token', newPassword: 'whatever it is now' } });
    expect(unknown.statusCode).toBe(400);
  });

  it('a completed reset also voids the older links of that account', async () => {
    const { email } = await register(t);
    await call(t, { url: '/auth/password-reset/request', body: { email } });
    const first = tokenFromMail(t, email, 'reset-password');
    await call(t, { url: '/auth/password-reset/request', body: { email } });
    const second = tokenFromMail(t, email, 'reset-password');
    expect(second).not.toBe(first);
    expect((await call(t, { url: '/auth/password-reset/confirm', body: { token: second, newPassword: 'the second link wins' } })).statusCode).toBe(204);
    expect((await call(t, { url: '/auth/password-reset/confirm', body: { token: first, newPassword: 'the first link lost' } })).statusCode).toBe(410);
  });

  it('verifies the email address from the sign-up mail, and on request', async () => {
    const { email, session } = await register(t);
    const signupMail = t.mailer.lastTo(email)!;
    expect(signupMail.text).toContain(`${t.config.publicUrl}/verify-email?token=`);
    const token = tokenFromMail(t, email, 'verify-email');

    // Asking for another link works while unverified.
    const again = await call(t, { url: '/auth/verify-email/request', token: session.accessToken });
    expect(again.statusCode).toBe(202);
    const second = tokenFromMail(t, email, 'verify-email');
    expect(second).not.toBe(token);

    expect((await call(t, { url: '/auth/verify-email/confirm', body: { token } })).statusCode).toBe(204);
    const me = await call(t, { method: 'GET', url: '/auth/me', token: session.accessToken });
    expect(me.json().user.emailVerified).toBe(true);
    expect((await call(t, { url: '/auth/verify-email/confirm', body: { token } })).statusCode).toBe(410);
    expect((await call(t, { url: '/auth/verify-email/request', token: session.accessToken })).statusCode).toBe(409);
    expect((await call(t, { url: '/auth/verify-email/request' })).statusCode).toBe(401);
    // A reset token is not a verification token.
    await call(t, { url: '/auth/password-reset/request', body: { email } });
    const resetToken = tokenFromMail(t, email, 'reset-password');
    expect((await call(t, { url: '/auth/verify-email/confirm', body: { token: resetToken } })).statusCode).toBe(400);
  });
});
