import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.js';
import type { App } from '../../src/adapters/http/types.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import { REDACT_PATHS } from '../../src/core/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('request logging', () => {
  let db: TestDatabase;
  let app: App;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = pino({ level: 'info', redact: REDACT_PATHS }, sink);
    app = await buildApp({ database: db.database, config: testConfig(), log, clock: systemClock, services: { mailer: new MemoryMailer() }, webDir: '/nonexistent' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.cleanup();
  });

  it('logs one line per request with path, status and request id, never the query string', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/invitations/some-token?token=very-secret-value' });
    const logged = lines.join('');
    expect(logged).not.toContain('very-secret-value');
    const done = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request completed' && l.path === '/api/v1/invitations/some-token');
    expect(done).toMatchObject({ method: 'GET', status: r.statusCode, reqId: r.headers['x-request-id'] });
  });

  it('ignores a stale bearer token on public routes but refuses it on protected ones', async () => {
    const stale = { authorization: 'Bearer not-a-valid-token' };
    const pub = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: stale, payload: {} });
    expect(pub.statusCode).toBe(204);
    const prot = await app.inject({ method: 'GET', url: '/api/v1/workspace', headers: stale });
    expect(prot.statusCode).toBe(401);
    expect(prot.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('reports a whole-body validation problem without a stray path separator', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.co', password: 'x'.repeat(12), extra: 1 } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/^Invalid body: /);
  });
});
