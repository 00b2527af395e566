import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, snapshotWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';

type Headers = { authorization: string };

describe('private lists: only their allow-list (and admins) see them, through every route', () => {
  let t: TestApp;
  let owner: TestOwner;
  let creator: TestUser;
  let allowed: TestUser;
  let outsider: TestUser;
  let allowedViewer: TestUser;
  let admin: TestUser;
  let listId: string;
  let leadId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    creator = await addMember(t, owner.workspaceId, 'member');
    allowed = await addMember(t, owner.workspaceId, 'member');
    outsider = await addMember(t, owner.workspaceId, 'member');
    allowedViewer = await addMember(t, owner.workspaceId, 'viewer');
    admin = await addMember(t, owner.workspaceId, 'admin');
    const r = await call('POST', '/lists', { name: 'Secret accounts', visibility: 'private', memberIds: [allowed.id, allowedViewer.id] }, creator.headers);
    expect(r.statusCode, r.body).toBe(201);
    listId = r.json().id;
    leadId = (await call('POST', '/leads', { email: 'secret@example.com', list_ids: [listId] }, creator.headers)).json().id;
  });
  afterAll(async () => t.close());

  function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, headers: Headers) {
    return t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as object });
  }

  it('shows the allow-list and the creator on it', async () => {
    const list = (await call('GET', `/lists/${listId}`, undefined, creator.headers)).json();
    expect(list.visibility).toBe('private');
    expect([...list.memberIds].sort()).toEqual([creator.id, allowed.id, allowedViewer.id].sort());
  });

  it('hides the list from a member who is not on it, on every route, and changes nothing', async () => {
    const before = await snapshotWorkspace(t, owner.workspaceId);
    const h = outsider.headers;
    const newLead = (await call('POST', '/leads', { email: 'outsider-lead@example.com' }, h)).json().id;
    const cases: [string, string, unknown][] = [
      ['GET', `/lists/${listId}`, undefined],
      ['PATCH', `/lists/${listId}`, { name: 'Mine now' }],
      ['DELETE', `/lists/${listId}`, undefined],
      ['POST', `/lists/${listId}/archive`, undefined],
      ['POST', `/lists/${listId}/restore`, undefined],
      ['GET', `/lists/${listId}/leads`, undefined],
      ['GET', `/leads?list_id=${listId}`, undefined],
      ['POST', `/lists/${listId}/leads`, { leadIds: [newLead] }],
      ['POST', `/lists/${listId}/leads/remove`, { leadIds: [leadId] }],
      ['DELETE', `/lists/${listId}/leads/${leadId}`, undefined],
      ['POST', '/leads', { email: 'sneaky@example.com', list_ids: [listId] }],
    ];
    for (const [method, url, payload] of cases) {
      const r = await call(method as 'GET', url, payload, h);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(404);
      expect(r.body).not.toContain('Secret accounts');
    }
    expect((await call('GET', '/lists', undefined, h)).json().items.map((l: { id: string }) => l.id)).not.toContain(listId);
    // The lead itself is a workspace lead: visible, but not which private list holds it.
    const lead = (await call('GET', `/leads/${leadId}`, undefined, h)).json();
    expect(lead.lists).toEqual([]);
    const activity = await call('GET', `/leads/${leadId}/activity`, undefined, h);
    expect(activity.body).not.toContain(listId);
    expect(activity.json().items.map((a: { type: string }) => a.type)).toEqual(['created']);
    // Only the outsider's own lead was added.
    const after = await snapshotWorkspace(t, owner.workspaceId);
    expect(after.lists).toEqual(before.lists);
    expect(after.leadListItems).toEqual(before.leadListItems);
    expect(after.listAccess).toEqual(before.listAccess);
  });

  it('lets allow-listed members work in it, but not change who sees it or delete it', async () => {
    const h = allowed.headers;
    expect((await call('GET', '/lists', undefined, h)).json().items.map((l: { id: string }) => l.id)).toContain(listId);
    expect((await call('GET', `/leads/${leadId}`, undefined, h)).json().lists).toEqual([{ id: listId, name: 'Secret accounts' }]);
    const lead = (await call('POST', '/leads', { email: 'allowed-lead@example.com' }, h)).json().id;
    expect((await call('POST', `/lists/${listId}/leads`, { leadIds: [lead] }, h)).json()).toEqual({ added: 1, leadCount: 2 });
    expect((await call('PATCH', `/lists/${listId}`, { description: 'Top 20' }, h)).statusCode).toBe(200);
    expect((await call('PATCH', `/lists/${listId}`, { visibility: 'workspace' }, h)).statusCode).toBe(403);
    expect((await call('PATCH', `/lists/${listId}`, { memberIds: [allowed.id, outsider.id] }, h)).statusCode).toBe(403);
    expect((await call('DELETE', `/lists/${listId}`, undefined, h)).statusCode).toBe(403);
    // A viewer on the allow-list reads it but cannot write.
    expect((await call('GET', `/lists/${listId}/leads`, undefined, allowedViewer.headers)).json().items).toHaveLength(2);
    expect((await call('POST', `/lists/${listId}/leads/remove`, { leadIds: [lead] }, allowedViewer.headers)).statusCode).toBe(403);
  });

  it('shows every list to owners, admins and admin API keys, not to member keys', async () => {
    for (const h of [owner.headers, admin.headers, (await createTestApiKey(t, owner.workspaceId, 'admin')).headers]) {
      expect((await call('GET', `/lists/${listId}`, undefined, h)).statusCode).toBe(200);
    }
    const memberKey = await createTestApiKey(t, owner.workspaceId, 'member');
    expect((await call('GET', `/lists/${listId}`, undefined, memberKey.headers)).statusCode).toBe(404);
  });

  it('lets the creator change the allow-list and open the list to everyone', async () => {
    expect((await call('PATCH', `/lists/${listId}`, { memberIds: ['00000000-0000-4000-8000-000000000000'] }, creator.headers)).statusCode).toBe(400);
    const widened = await call('PATCH', `/lists/${listId}`, { memberIds: [outsider.id] }, creator.headers);
    expect(widened.statusCode, widened.body).toBe(200);
    expect([...widened.json().memberIds].sort()).toEqual([creator.id, outsider.id].sort());
    expect((await call('GET', `/lists/${listId}`, undefined, outsider.headers)).statusCode).toBe(200);
    expect((await call('GET', `/lists/${listId}`, undefined, allowed.headers)).statusCode).toBe(404);
    const opened = await call('PATCH', `/lists/${listId}`, { visibility: 'workspace' }, creator.headers);
    expect(opened.json()).toMatchObject({ visibility: 'workspace', memberIds: [] });
    expect((await call('GET', `/lists/${listId}`, undefined, allowed.headers)).statusCode).toBe(200);
    const closed = await call('PATCH', `/lists/${listId}`, { visibility: 'private' }, admin.headers);
    expect(closed.json().memberIds).toEqual([creator.id]);
  });

  it('records who changed access in the audit log', async () => {
    const audit = (await call('GET', '/workspace/audit?action=list.access_changed', undefined, owner.headers)).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
  });
});
