import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUser, createUserWithWorkspace, signInAs, snapshotWorkspace, type TestOwner } from '../helpers/auth.js';

const DAY = 24 * 60 * 60 * 1000;

describe('invitations: invite, list, revoke, look up, accept', () => {
  let t: TestApp;
  let owner: TestOwner;
  const clock = new ManualClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { publicUrl: 'https://leads.example.test' } });
    owner = await createUserWithWorkspace(t, { name: 'Olive Owner', workspaceName: 'Acme Sales' });
  });
  afterAll(async () => t.close());

  const invite = (headers: { authorization: string }, email: string, role = 'member') =>
    t.app.inject({ method: 'POST', url: '/api/v1/workspace/invitations', headers, payload: { email, role } });
  /** The token from the last mail to `to`, as the invitee would click it. */
  const tokenFromMail = (to: string) => {
    const mail = t.mailer.lastTo(to);
    expect(mail, `a mail to ${to}`).toBeDefined();
    const m = /https:\/\/leads\.example\.test\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text);
    expect(m, mail!.text).not.toBeNull();
    return m![1]!;
  };
  const pending = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/workspace/invitations', headers: owner.headers })).json().items;

  it('invites by email (normalized), mails a link, never exposes the token, and accepting joins the workspace', async () => {
    const r = await invite(owner.headers, '  Jane.Doe@Example.TEST ', 'admin');
    expect(r.statusCode).toBe(201);
    const inv = r.json();
    expect(inv).toEqual({
      id: expect.any(String),
      email: 'jane.doe@example.test',
      role: 'admin',
      invitedBy: owner.id,
      invitedByEmail: owner.email,
      expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      createdAt: clock.now().toISOString(),
    });
    const mail = t.mailer.lastTo('jane.doe@example.test')!;
    expect(mail.subject).toContain('Acme Sales');
    expect(mail.text).toContain('Olive Owner');
    const token = tokenFromMail('jane.doe@example.test');
    expect(JSON.stringify(inv)).not.toContain(token);
    expect(JSON.stringify(await pending())).not.toContain(token);
    expect((await pending()).map((i: { id: string }) => i.id)).toContain(inv.id);

    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ workspaceName: 'Acme Sales', email: 'jane.doe@example.test', role: 'admin', expiresAt: inv.expiresAt });

    const jane = await createUser(t, { email: 'jane.doe@example.test' });
    const acc = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: jane.headers });
    expect(acc.statusCode).toBe(200);
    expect(acc.json()).toEqual({ workspace: { id: owner.workspaceId, name: 'Acme Sales', role: 'admin' } });

    const members = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/members', headers: owner.headers });
    expect(members.json().items).toContainEqual(expect.objectContaining({ userId: jane.id, role: 'admin' }));
    // Switching to the workspace (a token for it) gives the invited role.
    const { headers } = await signInAs(t, jane.id, owner.workspaceId);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers })).json().role).toBe('admin');

    // Single use: the link is spent, and it is gone from the pending list.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(410);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: (await createUser(t)).headers });
    expect(again.statusCode).toBe(410);
    expect((await pending()).map((i: { id: string }) => i.id)).not.toContain(inv.id);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=invitation.*', headers: owner.headers });
    expect(audit.json().items.map((e: { action: string; actorUserId: string; metadata: unknown }) => [e.action, e.actorUserId, e.metadata])).toEqual([
      ['invitation.accepted', jane.id, { email: 'jane.doe@example.test', role: 'admin' }],
      ['invitation.created', owner.id, { email: 'jane.doe@example.test', role: 'admin', replaced: 0 }],
    ]);
    expect(JSON.stringify(audit.json())).not.toContain(token);
  });

  it('answers 404 for an unknown token and 409 when the user is already a member (the link stays usable)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/invitations/no-such-token-0000000000000000000' })).statusCode).toBe(404);
    const stranger = await createUser(t);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/invitations/no-such-token-00000000000/accept', headers: stranger.headers })).statusCode).toBe(404);

    const existing = await addMember(t, owner.workspaceId, 'viewer');
    // Invite a fresh address, then let an existing member click the link.
    await invite(owner.headers, 'forwarded@example.test', 'admin');
    const token = tokenFromMail('forwarded@example.test');
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: existing.headers });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/already a member/);
    const members = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/members', headers: owner.headers });
    expect(members.json().items.find((m: { userId: string }) => m.userId === existing.id).role).toBe('viewer');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(200);
  });

  it('refuses to invite an existing member (409)', async () => {
    const m = await addMember(t, owner.workspaceId, 'member');
    const r = await invite(owner.headers, m.email.toUpperCase());
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('CONFLICT');
  });

  it('re-inviting a pending address replaces the invitation: the old link is gone', async () => {
    await invite(owner.headers, 'twice@example.test', 'viewer');
    const first = tokenFromMail('twice@example.test');
    const r = await invite(owner.headers, 'Twice@example.test', 'member');
    expect(r.statusCode).toBe(201);
    const second = tokenFromMail('twice@example.test');
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${first}` })).statusCode).toBe(410);
    const open = (await pending()).filter((i: { email: string }) => i.email === 'twice@example.test');
    expect(open).toEqual([expect.objectContaining({ id: r.json().id, role: 'member' })]);
  });

  it('expires after 7 days (410), and expired invitations leave the pending list', async () => {
    await invite(owner.headers, 'late@example.test');
    const token = tokenFromMail('late@example.test');
    clock.advance(7 * DAY - 60_000);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(200);
    clock.advance(2 * 60_000);
    // Access tokens are short-lived: sign in again after moving the clock.
    const late = await createUser(t, { email: 'late@example.test' });
    const { headers } = await signInAs(t, owner.id, owner.workspaceId);
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.statusCode).toBe(410);
    expect(preview.json().error).toMatchObject({ code: 'GONE', message: expect.stringMatching(/expired/) });
    const acc = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: late.headers });
    expect(acc.statusCode).toBe(410);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/invitations', headers });
    expect(list.json().items.map((i: { email: string }) => i.email)).not.toContain('late@example.test');
    // Inviting again works and gives a fresh week.
    expect((await invite(headers, 'late@example.test')).statusCode).toBe(201);
    owner = { ...owner, headers };
  });

  it('revokes (admin): the link answers 410 and the invitation leaves the list; revoking twice is harmless', async () => {
    const r = await invite(owner.headers, 'revoked@example.test', 'viewer');
    const token = tokenFromMail('revoked@example.test');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/workspace/invitations/${r.json().id}`, headers: owner.headers });
    expect(del.statusCode).toBe(204);
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.statusCode).toBe(410);
    expect(preview.json().error.message).toMatch(/revoked/);
    expect((await pending()).map((i: { id: string }) => i.id)).not.toContain(r.json().id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/workspace/invitations/${r.json().id}`, headers: owner.headers })).statusCode).toBe(204);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=invitation.revoked', headers: owner.headers });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({ targetId: r.json().id, metadata: { email: 'revoked@example.test', role: 'viewer' } });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/workspace/invitations/00000000-0000-4000-8000-000000000000', headers: owner.headers })).statusCode).toBe(404);
  });

  it('refuses an accepted invitation to be revoked (409)', async () => {
    const r = await invite(owner.headers, 'joined@example.test', 'viewer');
    const token = tokenFromMail('joined@example.test');
    const u = await createUser(t, { email: 'joined@example.test' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: u.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/workspace/invitations/${r.json().id}`, headers: owner.headers })).statusCode).toBe(409);
  });

  it('validates the address and the role; owner cannot be invited', async () => {
    for (const payload of [
      { email: 'not-an-email', role: 'member' },
      { email: 'a@b.test', role: 'owner' },
      { email: 'a@b.test', role: 'god' },
      { email: 'a@b.test' },
      { email: 'a@b.test', role: 'member', workspaceId: owner.workspaceId },
    ]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/workspace/invitations', headers: owner.headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('needs admin to invite, list or revoke; members and viewers write nothing', async () => {
    const target = await invite(owner.headers, 'target@example.test');
    for (const role of ['member', 'viewer'] as const) {
      const who = await addMember(t, owner.workspaceId, role);
      const before = await snapshotWorkspace(t, owner.workspaceId);
      const sent = t.mailer.sent.length;
      expect((await invite(who.headers, `by-${role}@example.test`)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/workspace/invitations', headers: who.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/workspace/invitations/${target.json().id}`, headers: who.headers })).statusCode).toBe(403);
      expect(await snapshotWorkspace(t, owner.workspaceId)).toEqual(before);
      expect(t.mailer.sent.length).toBe(sent);
    }
    const admin = await addMember(t, owner.workspaceId, 'admin');
    expect((await invite(admin.headers, 'by-admin@example.test', 'admin')).statusCode).toBe(201);
  });

  it('accepting needs a signed-in user, not an API key or nobody', async () => {
    await invite(owner.headers, 'nobody@example.test');
    const token = tokenFromMail('nobody@example.test');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept` })).statusCode).toBe(401);
    const key = await t.app.inject({ method: 'POST', url: '/api/v1/workspace/api-keys', headers: owner.headers, payload: { name: 'k', role: 'admin' } });
    const viaKey = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: { authorization: `Bearer ${key.json().key}` } });
    expect(viaKey.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(200);
  });

  it('if the mail cannot be sent, the invitation is withdrawn and the error says so', async () => {
    const send = t.mailer.send.bind(t.mailer);
    t.mailer.send = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:25');
    };
    try {
      const r = await invite(owner.headers, 'unlucky@example.test');
      expect(r.statusCode).toBe(503);
      expect(r.json().error.message).toMatch(/mail/);
    } finally {
      t.mailer.send = send;
    }
    expect((await pending()).map((i: { email: string }) => i.email)).not.toContain('unlucky@example.test');
    expect((await invite(owner.headers, 'unlucky@example.test')).statusCode).toBe(201);
  });
});
