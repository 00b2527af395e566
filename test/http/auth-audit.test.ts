import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/core/db.js';
import { createWorkspace } from '../../src/domains/workspaces/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { call, PASSWORD, register, tokenFromMail, type Session } from './auth-helpers.js';

interface AuditRow {
  action: string;
  workspace_id: string | null;
  actor_type: string;
  actor_user_id: string | null;
  ip: string | null;
  metadata: Record<string, unknown>;
}

describe('auth: audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('records every account event with who and where, and never a password or token', async () => {
    const secrets: string[] = [PASSWORD];
    const { email, session } = await register(t);
    secrets.push(session.accessToken, session.refreshToken!);
    const userId = session.user.id;

    await call(t, { url: '/auth/login', body: { email, password: 'wrong password here' }, ip: '10.9.9.9' });
    const login = (await call(t, { url: '/auth/login', body: { email, password: PASSWORD, clientType: 'api' } })).json() as Session;
    secrets.push(login.refreshToken!);
    const rotated = (await call(t, { url: '/auth/refresh', body: { refreshToken: login.refreshToken } })).json() as Session;
    await call(t, { url: '/auth/refresh', body: { refreshToken: login.refreshToken } });

    const verifyToken = tokenFromMail(t, email, 'verify-email');
    secrets.push(verifyToken);
    await call(t, { url: '/auth/verify-email/confirm', body: { token: verifyToken } });

    const second = await createWorkspace(t.ctx(), { name: 'Second', ownerUserId: userId });
    await call(t, { url: '/auth/switch-workspace', token: session.accessToken, body: { workspaceId: second.id } });
    await call(t, { url: '/auth/change-password', token: session.accessToken, body: { currentPassword: PASSWORD, newPassword: 'changed password 1' } });
    secrets.push('changed password 1');
    await call(t, { url: '/auth/logout', body: { refreshToken: session.refreshToken } });

    await call(t, { url: '/auth/password-reset/request', body: { email } });
    const resetToken = tokenFromMail(t, email, 'reset-password');
    secrets.push(resetToken);
    await call(t, { url: '/auth/password-reset/confirm', body: { token: resetToken, newPassword: 'reset password 22' } });
    secrets.push('reset password 22');
    expect(rotated.accessToken).toBeTruthy();

    const rows = await queryRows<AuditRow>(
      t.db.database.db,
      sql`select action, workspace_id, actor_type, actor_user_id, ip, metadata from audit_events
          where actor_user_id = ${userId} or target_id = ${userId} order by id`,
    );
    const byAction = new Map(rows.map((r) => [r.action, r]));
    for (const action of [
      'user.registered',
      'auth.login',
      'auth.login_failed',
      'auth.refresh_reuse_detected',
      'auth.email_verified',
      'auth.workspace_switched',
      'auth.password_changed',
      'auth.logout',
      'auth.password_reset_requested',
      'auth.password_reset_completed',
    ]) {
      expect(byAction.has(action), action).toBe(true);
    }
    expect(byAction.get('user.registered')).toMatchObject({ workspace_id: session.workspace!.id, actor_user_id: userId });
    expect(byAction.get('auth.login_failed')).toMatchObject({ workspace_id: null, actor_type: 'anonymous', ip: '10.9.9.9' });
    expect(byAction.get('auth.workspace_switched')).toMatchObject({ workspace_id: second.id, metadata: { from: session.workspace!.id } });
    expect(byAction.get('auth.password_changed')!.actor_user_id).toBe(userId);

    const dump = JSON.stringify(await queryRows(t.db.database.db, sql`select * from audit_events`));
    for (const secret of secrets) expect(dump).not.toContain(secret);
  });
});
