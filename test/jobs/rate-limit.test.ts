import { randomBytes } from 'node:crypto';
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
});
