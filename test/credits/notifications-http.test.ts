import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotification } from '../../src/domains/notifications/index.js';
import type { TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { creditsTestApp } from './helpers.js';

describe('notifications API', () => {
  let t: TestApp;
  let owner: TestOwner;
  let viewer: TestUser;
  let other: TestOwner;
  beforeAll(async () => {
    ({ t } = await creditsTestApp());
    owner = await createUserWithWorkspace(t);
    viewer = await addMember(t, owner.workspaceId, 'viewer');
    other = await createUserWithWorkspace(t);
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST', url: string, headers?: Record<string, string>) => t.app.inject({ method, url: `/api/v1${url}`, headers });

  it('lists, pages, filters unread and marks read', async () => {
    const ctx = t.ctx(owner.workspaceId);
    for (const n of [1, 2, 3]) await createNotification(ctx, { kind: 'test', title: `Notice ${n}`, body: 'b', data: { n } });
    const first = await call('GET', '/notifications?limit=2', viewer.headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ unreadCount: 3, items: [{ title: 'Notice 3', readAt: null, data: { n: 3 } }, { title: 'Notice 2' }] });
    const rest = await call('GET', `/notifications?limit=2&cursor=${first.json().nextCursor}`, viewer.headers);
    expect(rest.json().items.map((i: { title: string }) => i.title)).toEqual(['Notice 1']);
    expect(rest.json().nextCursor).toBeNull();

    const id = first.json().items[0].id;
    const read = await call('POST', `/notifications/${id}/read`, viewer.headers);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBeTruthy();
    const unread = await call('GET', '/notifications?unread=true', viewer.headers);
    expect(unread.json()).toMatchObject({ unreadCount: 2 });
    expect(unread.json().items.map((i: { title: string }) => i.title)).toEqual(['Notice 2', 'Notice 1']);
    const all = await call('POST', '/notifications/read-all', viewer.headers);
    expect(all.json()).toEqual({ updated: 2 });
    expect((await call('GET', '/notifications', viewer.headers)).json().unreadCount).toBe(0);
  });

  it("answers 404 for another workspace's or a malformed id, and 401 without a token", async () => {
    const n = await createNotification(t.ctx(owner.workspaceId), { kind: 'test', title: 'private' });
    expect((await call('POST', `/notifications/${n.id}/read`, other.headers)).statusCode).toBe(404);
    expect((await call('GET', '/notifications', other.headers)).json().items).toEqual([]);
    expect((await call('POST', '/notifications/abc/read', owner.headers)).statusCode).toBe(404);
    expect((await call('GET', '/notifications')).statusCode).toBe(401);
    expect((await call('GET', '/notifications?limit=500', owner.headers)).statusCode).toBe(400);
  });
});
