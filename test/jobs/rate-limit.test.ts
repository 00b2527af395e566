import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildApp } from '../../src/adapters/http/app.js';
import type { App } from '../../src/adapters/http/types.js';
import { workspaceRateLimit, type WorkspaceLimit } from '../../src/adapters/http/workspace-rate-limit.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';

/** Two routes sharing one budget, and one with its own, on an app built like production. */
async function appWithLimitedRoutes(t: TestApp, limit: WorkspaceLimit, redis?: Redis): Promise<App> {
  const app = await buildApp({ database: t.db.database, config: testConfig(), log: silentLogger(), clock: systemClock, services: { mailer: new MemoryMailer() }, redis, webDir: '/nonexistent' });
  await app.register(
    async (api) => {
      const a = api as unknown as App;
      a.post('/limited/a', { preHandler: workspaceRateLimit(a, limit) }, async () => ({ ok: 'a' }));
      a.post('/limited/b', { preHandler: workspaceRateLimit(a, limit) }, async () => ({ ok: 'b' }));
      a.post('/limited/other', { preHandler: workspaceRateLimit(a, { ...limit, name: `${limit.name}-other` }) }, async () => ({ ok: 'other' }));
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}

describe('per-workspace rate limits', () => {
  let t: TestApp;
  let owner: TestOwner;
  let second: TestOwner;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    second = await createUserWithWorkspace(t);
  });
  afterAll(async () => t?.close());

  it('counts a shared budget across routes, per workspace, and answers 429 with Retry-After', async () => {
    const app = await appWithLimitedRoutes(t, { name: `test-${randomBytes(3).toString('hex')}`, max: 3, windowS: 30, what: 'test calls' });
    try {
      const call = (path: string, who = owner) => app.inject({ method: 'POST', url: `/api/v1/limited/${path}`, headers: who.headers });
      expect((await call('a')).statusCode).toBe(200);
      expect((await call('b')).statusCode).toBe(200);
      expect((await call('a')).statusCode).toBe(200);
      const refused = await call('b');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(29);
      expect(refused.headers['x-ratelimit-limit']).toBe('3');
      expect(refused.json().error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many test calls in this workspace: at most 3 per 30 s\. Try again in \d+ s\.$/),
        details: { max: 3, windowS: 30 },
      });
      expect((await call('other')).statusCode).toBe(200);
      expect((await call('a', second)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  it.skipIf(!redisUrl)('shares the count between processes through Redis (TEST_REDIS_URL)', async () => {
    const limit = { name: `test-${randomBytes(3).toString('hex')}`, max: 4, windowS: 30, what: 'test calls' };
    const r1 = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const r2 = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const one = await appWithLimitedRoutes(t, limit, r1);
    const two = await appWithLimitedRoutes(t, limit, r2);
    try {
      const codes: number[] = [];
      for (const app of [one, two, one, two, one, two]) {
        codes.push((await app.inject({ method: 'POST', url: '/api/v1/limited/a', headers: owner.headers })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await one.close();
      await two.close();
      r1.disconnect();
      r2.disconnect();
    }
  });

  /** The real routes, with the job-start budget at 2 per minute (LEADFORGE_RATE_LIMIT_JOB_STARTS). */
  async function appWithRealRoutes(redis?: Redis): Promise<App> {
    const config = testConfig({ rateLimits: { jobStartsPerMinute: 2, expensivePerMinute: 120 } });
    const app = await buildApp({ database: t.db.database, config, log: silentLogger(), clock: systemClock, services: { mailer: new MemoryMailer() }, redis, webDir: '/nonexistent' });
    await app.ready();
    return app;
  }

  /** Every route that starts a job spends the same budget: bulk verify, import, retry. */
  async function jobStartCodes(apps: App[], who: TestOwner): Promise<number[]> {
    const starts = [
      { method: 'POST' as const, url: '/api/v1/verify/bulk', payload: { emails: ['ada@example.com'], skipSmtp: true } },
      { method: 'POST' as const, url: '/api/v1/verify/bulk', payload: { text: 'grace@example.com', skipSmtp: true } },
      // Valid requests for an upload / a job that do not exist: the limit answers before the handler would.
      { method: 'POST' as const, url: '/api/v1/imports', payload: { uploadId: randomUUID(), mapping: [{ index: 0, field: 'email' }] } },
      { method: 'POST' as const, url: `/api/v1/jobs/${randomUUID()}/retry` },
    ];
    const codes: number[] = [];
    for (const [i, start] of starts.entries()) {
      const res = await apps[i % apps.length]!.inject({ ...start, headers: who.headers });
      codes.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.json().error.message).toMatch(/^Too many job starts in this workspace: at most 2 per 60 s\. Try again in \d+ s\.$/);
      }
    }
    return codes;
  }

  it('limits every job start of a workspace on the real routes (in memory)', async () => {
    const app = await appWithRealRoutes();
    try {
      const fresh = await createUserWithWorkspace(t);
      expect(await jobStartCodes([app], fresh)).toEqual([202, 202, 429, 429]);
      // Another workspace has its own budget.
      const other = await createUserWithWorkspace(t);
      expect((await jobStartCodes([app], other)).slice(0, 2)).toEqual([202, 202]);
    } finally {
      await app.close();
    }
  });

  /** A multipart body with one small CSV file (field "file"). */
  function multipartFile(text: string) {
    const boundary = `lf-${randomBytes(6).toString('hex')}`;
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n--${boundary}--\r\n`;
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  type Call = { method: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> };
  const id = () => randomUUID();
  /** Every route that starts a job, with a body that passes validation (the limit runs after it). */
  const jobStartRoutes: Record<string, () => Call> = {
    'imports start': () => ({ method: 'POST', url: '/api/v1/imports', payload: { uploadId: id(), mapping: [{ index: 0, field: 'email' }] } }),
    'verify bulk': () => ({ method: 'POST', url: '/api/v1/verify/bulk', payload: { emails: ['ada@example.com'], skipSmtp: true } }),
    'verify bulk upload': () => ({ method: 'POST', url: '/api/v1/verify/bulk/upload?skipSmtp=true', ...multipartFile('email\nada@example.com\n') }),
    'find bulk': () => ({ method: 'POST', url: '/api/v1/find/bulk', payload: { people: [{ firstName: 'Ada', lastName: 'Lovelace', domain: 'example.com' }], skipSmtp: true } }),
    'exports': () => ({ method: 'POST', url: '/api/v1/exports', payload: { format: 'csv' } }),
    'lead bulk actions': () => ({ method: 'POST', url: '/api/v1/leads/bulk', payload: { action: { type: 'tag', tags: ['x'] }, ids: [id()] } }),
    'job retry': () => ({ method: 'POST', url: `/api/v1/jobs/${id()}/retry` }),
  };
  /** Synchronous endpoints that cost real work (SMTP probes, whole-result files). */
  const expensiveRoutes: Record<string, () => Call> = {
    // An address that fails on syntax: answered without DNS or SMTP.
    'verify one': () => ({ method: 'POST', url: '/api/v1/verify', payload: { email: 'not-an-email', skipSmtp: true } }),
    'find one': () => ({ method: 'POST', url: '/api/v1/find', payload: { firstName: 'Ada', lastName: 'Lovelace', domain: 'example.com', skipSmtp: true } }),
    'streamed export': () => ({ method: 'POST', url: '/api/v1/exports/stream', payload: { format: 'csv' } }),
    'verify bulk results file': () => ({ method: 'GET', url: `/api/v1/verify/bulk/${id()}/export` }),
    'find bulk results file': () => ({ method: 'GET', url: `/api/v1/find/bulk/${id()}/export` }),
  };

  it.each([
    ['jobStarts', 'job starts', jobStartRoutes],
    ['expensive', 'requests to expensive endpoints', expensiveRoutes],
  ] as const)('covers every %s route: one spends the shared budget, each then answers 429', async (budget, what, routes) => {
    const config = testConfig({ rateLimits: { jobStartsPerMinute: 1, expensivePerMinute: 1 } });
    const app = await buildApp({ database: t.db.database, config, log: silentLogger(), clock: systemClock, services: { mailer: new MemoryMailer() }, webDir: '/nonexistent' });
    await app.ready();
    try {
      const who = await createUserWithWorkspace(t);
      const send = (c: Call) => app.inject({ method: c.method, url: c.url, payload: c.payload as string, headers: { ...who.headers, ...c.headers } });
      const [first, ...rest] = Object.entries(routes);
      const spent = await send(first![1]());
      expect(spent.statusCode, `${first![0]}: ${spent.body}`).not.toBe(429);
      expect(spent.statusCode, `${first![0]}: ${spent.body}`).toBeLessThan(500);
      for (const [name, call] of rest) {
        const res = await send(call());
        expect(res.statusCode, `${name} (${budget}): ${res.body}`).toBe(429);
        expect(Number(res.headers['retry-after']), name).toBeGreaterThan(0);
        expect(res.json().error.message, name).toMatch(new RegExp(`^Too many ${what} in this workspace: at most 1 per 60 s\\. Try again in \\d+ s\\.$`));
      }
      // The other budget is untouched by this one.
      const other = budget === 'jobStarts' ? expensiveRoutes['verify one']!() : jobStartRoutes['job retry']!();
      expect((await send(other)).statusCode).not.toBe(429);
    } finally {
      await app.close();
    }
  });

  it.skipIf(!redisUrl)('limits job starts across processes through Redis (TEST_REDIS_URL)', async () => {
    const r1 = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const r2 = new Redis(redisUrl!, { maxRetriesPerRequest: null });
    const one = await appWithRealRoutes(r1);
    const two = await appWithRealRoutes(r2);
    try {
      const fresh = await createUserWithWorkspace(t);
      expect(await jobStartCodes([one, two], fresh)).toEqual([202, 202, 429, 429]);
    } finally {
      await one.close();
      await two.close();
      r1.disconnect();
      r2.disconnect();
    }
  });
});
