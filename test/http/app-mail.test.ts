import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildApp } from '../../src/adapters/http/app.js';
import type { App } from '../../src/adapters/http/types.js';
import { smtpMailer } from '../../src/adapters/mail/app-mailer.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freshEmail, freshIp, PASSWORD } from './auth-helpers.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

/** The app's SMTP mailer against a real SMTP server on 127.0.0.1: the reset link must arrive and work. */
describe('app mail over SMTP', () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let db: TestDatabase;
  let app: App;
  const config = testConfig({ publicUrl: 'https://leadforge.example.test', mailFrom: 'Leadforge <no-reply@leadforge.test>' });

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, cb) {
        if (auth.username === 'mailer' && auth.password === 'mail-pass') return cb(null, { user: auth.username });
        return cb(new Error('Invalid username or password'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: session.user as string | undefined,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    db = await createTestDatabase();
    const mailer = smtpMailer(`smtp://mailer:mail-pass@127.0.0.1:${port}`, config.mailFrom);
    app = await buildApp({ database: db.database, config, log: silentLogger(), clock: systemClock, services: { mailer }, webDir: '/nonexistent' });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress: freshIp() });

  async function waitForMail(to: string, subject: RegExp): Promise<Received> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const m = received.find((r) => r.to.includes(to) && subject.test(decodeQuotedPrintable(r.raw)));
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no mail "${subject}" to ${to} within 15 s`);
  }

  it('delivers the verification and the password-reset mail, and the reset link works', async () => {
    const email = freshEmail('smtp');
    const reg = await post('/auth/register', { email, password: PASSWORD, name: 'Mail Test' });
    expect(reg.statusCode).toBe(201);
    // PUBLIC_URL is https here, so the refresh cookie is Secure.
    expect(reg.cookies.find((c) => c.name === 'lf_refresh')?.secure).toBe(true);
    const verify = await waitForMail(email, /Confirm your email/);
    expect(verify.user).toBe('mailer');
    expect(verify.from).toBe('no-reply@leadforge.test');
    expect(decodeQuotedPrintable(verify.raw)).toContain('https://leadforge.example.test/verify-email?token=');

    expect((await post('/auth/password-reset/request', { email })).statusCode).toBe(202);
    const reset = await waitForMail(email, /Reset your Leadforge password/);
    const text = decodeQuotedPrintable(reset.raw);
    const m = /https:\/\/leadforge\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
    expect(m).not.toBeNull();
    expect(text).not.toContain(PASSWORD);

    const confirm = await post('/auth/password-reset/confirm', { token: m![1]!, newPassword: 'set over real smtp' });
    expect(confirm.statusCode).toBe(204);
    expect((await post('/auth/login', { email, password: 'set over real smtp' })).statusCode).toBe(200);
  });
});

/** Mail bodies travel quoted-printable: long lines are folded with "=\n" and "=" is "=3D". */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
