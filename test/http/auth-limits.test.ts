import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { queryRows } from '../../src/core/db.js';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, freshEmail, freshIp, PASSWORD, register } from './auth-helpers.js';

describe('auth: rate limits', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  it('locks one account after 10 failed log-ins in 15 min, whatever the IP, before checking the password', async () => {
    const { email, session } = await register(t);
    for (let i = 0; i < 10; i++) {
      const r = await call(t, { url: '/auth/login', body: { email, password: `wrong password ${i}` }, ip: freshIp() });
      expect(r.statusCode).toBe(401);
    }
    // Even the right password is refused now: a locked account is no oracle.
    const locked = await call(t, { url: '/auth/login', body: { email, password: PASSWORD }, ip: freshIp() });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);

    // Other accounts are not affected.
    const { email: other } = await register(t);
    expect((await call(t, { url: '/auth/login', body: { email: other, password: PASSWORD } })).statusCode).toBe(200);

    // The failures are audited outside any workspace, without the password.
    const rows = await queryRows<{ workspace_id: string | null; metadata: Record<string, unknown> }>(
      t.db.database.db,
      sql`select workspace_id, metadata from audit_events where action = 'auth.login_failed' and target_id = ${session.user.id}`,
    );
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.workspace_id === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('wrong password');

    clock.advance(15 * 60 * 1000 + 1000);
    expect((await call(t, { url: '/auth/login', body: { email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('limits log-in attempts per IP (10 a minute) with Retry-After', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await call(t, { url: '/auth/login', body: { email: freshEmail('spray'), password: PASSWORD }, ip });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) {
        expect(r.json().error.code).toBe('RATE_LIMITED');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is unaffected.
    expect((await call(t, { url: '/auth/login', body: { email: freshEmail('spray'), password: PASSWORD } })).statusCode).toBe(401);
  });

  it('limits sign-ups per IP (5 a minute)', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call(t, { url: '/auth/register', body: { email: freshEmail('signup'), password: PASSWORD, name: 'N' }, ip });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});
