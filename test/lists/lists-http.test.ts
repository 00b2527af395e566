import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';

describe('lists over HTTP', () => {
  let t: TestApp;
  let owner: TestOwner;
  let member: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    viewer = await addMember(t, owner.workspaceId, 'viewer');
  });
  afterAll(async () => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = member.headers) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as object });
  const newLead = async (email: string) => (await call('POST', '/leads', { email })).json().id as string;
  const leadCount = async (id: string) => (await call('GET', `/lists/${id}`)).json().leadCount as number;

  it('creates, renames, describes, tags and files lists in folders', async () => {
    const folder = await call('POST', '/list-folders', { name: 'Campaigns' });
    expect(folder.statusCode, folder.body).toBe(201);
    expect((await call('POST', '/list-folders', { name: 'campaigns' })).statusCode).toBe(409);
    const created = await call('POST', '/lists', { name: 'Q3 targets', description: 'Mid-market', tags: ['q3', 'Q3', 'outbound'], folderId: folder.json().id });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ name: 'Q3 targets', description: 'Mid-market', tags: ['q3', 'outbound'], folderId: folder.json().id, visibility: 'workspace', leadCount: 0, createdBy: member.id, archivedAt: null });

    expect((await call('POST', '/lists', { name: 'q3 TARGETS' })).statusCode).toBe(409);
    expect((await call('POST', '/lists', { name: '  ' })).statusCode).toBe(400);
    expect((await call('POST', '/lists', { name: 'x', color: 'red' })).statusCode).toBe(400);
    expect((await call('POST', '/lists', { name: 'x', folderId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);

    const renamed = await call('PATCH', `/lists/${list.id}`, { name: 'Q3 key accounts', description: null, tags: ['key'] });
    expect(renamed.json()).toMatchObject({ name: 'Q3 key accounts', description: null, tags: ['key'] });
    expect((await call('PATCH', `/lists/${list.id}`, { name: 'Q3 KEY ACCOUNTS' })).statusCode).toBe(200);

    await call('POST', '/lists', { name: 'Loose list', tags: ['key'] });
    const inFolder = (await call('GET', `/lists?folderId=${folder.json().id}`)).json().items;
    expect(inFolder.map((l: { name: string }) => l.name)).toEqual(['Q3 KEY ACCOUNTS']);
    expect((await call('GET', '/lists?folderId=none')).json().items.map((l: { name: string }) => l.name)).toContain('Loose list');
    expect((await call('GET', '/lists?tag=key')).json().items).toHaveLength(2);
    expect((await call('GET', '/lists?q=loose')).json().items.map((l: { name: string }) => l.name)).toEqual(['Loose list']);
    expect((await call('GET', '/lists?colour=red')).statusCode).toBe(400);

    const renamedFolder = await call('PATCH', `/list-folders/${folder.json().id}`, { name: 'Outbound' });
    expect(renamedFolder.json().name).toBe('Outbound');
    expect((await call('GET', '/list-folders', undefined, viewer.headers)).json().items.map((f: { name: string }) => f.name)).toEqual(['Outbound']);
    expect((await call('DELETE', `/list-folders/${folder.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/lists/${list.id}`)).json().folderId).toBeNull();
    expect((await call('DELETE', `/list-folders/${folder.json().id}`)).statusCode).toBe(404);
  });

  it('adds and removes leads, a lead in several lists, with exact counts', async () => {
    const a = (await call('POST', '/lists', { name: 'List A' })).json().id as string;
    const b = (await call('POST', '/lists', { name: 'List B' })).json().id as string;
    const l1 = await newLead('l1@example.com');
    const l2 = await newLead('l2@example.com');
    const l3 = await newLead('l3@example.com');

    const added = await call('POST', `/lists/${a}/leads`, { leadIds: [l1, l2, l2] });
    expect(added.json()).toEqual({ added: 2, leadCount: 2 });
    expect((await call('POST', `/lists/${a}/leads`, { leadIds: [l1, l3] })).json()).toEqual({ added: 1, leadCount: 3 });
    expect((await call('POST', `/lists/${b}/leads`, { leadIds: [l1] })).json()).toEqual({ added: 1, leadCount: 1 });
    expect((await call('GET', `/leads/${l1}`)).json().lists.map((l: { name: string }) => l.name)).toEqual(['List A', 'List B']);

    // A deleted lead leaves every count; its restore brings it back.
    await call('DELETE', `/leads/${l1}`);
    expect([await leadCount(a), await leadCount(b)]).toEqual([2, 0]);
    expect((await call('GET', `/lists/${a}/leads`)).json().items.map((l: { id: string }) => l.id).sort()).toEqual([l2, l3].sort());
    expect((await call('POST', `/lists/${b}/leads`, { leadIds: [l1] })).statusCode).toBe(404);
    await call('POST', `/leads/${l1}/restore`);
    expect([await leadCount(a), await leadCount(b)]).toEqual([3, 1]);

    expect((await call('POST', `/lists/${a}/leads/remove`, { leadIds: [l2, l3] })).json()).toEqual({ removed: 2, leadCount: 1 });
    expect((await call('DELETE', `/lists/${a}/leads/${l1}`)).statusCode).toBe(204);
    expect(await leadCount(a)).toBe(0);
    expect((await call('POST', `/lists/${a}/leads`, { leadIds: [] })).statusCode).toBe(400);
    expect((await call('POST', `/lists/${a}/leads`, { leadIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode).toBe(404);

    const timeline = (await call('GET', `/leads/${l2}/activity`)).json().items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['list_removed', 'list_added', 'created']);
    expect(timeline[0].data).toMatchObject({ listId: a, listName: 'List A' });
  });

  it('keeps counts exact when adds and deletes race', async () => {
    const list = (await call('POST', '/lists', { name: 'Race' })).json().id as string;
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => newLead(`race${i}@example.com`)));
    await Promise.all([
      ...ids.map((id) => call('POST', `/lists/${list}/leads`, { leadIds: [id] })),
      ...ids.slice(0, 4).map((id) => call('DELETE', `/leads/${id}`)),
    ]);
    const live = (await call('GET', `/lists/${list}/leads?limit=200`)).json().items.length;
    expect(await leadCount(list)).toBe(live);
  });

  it('archives and restores; archived lists take no new leads and hide from the default listing', async () => {
    const list = (await call('POST', '/lists', { name: 'Old campaign' })).json().id as string;
    const lead = await newLead('archived@example.com');
    await call('POST', `/lists/${list}/leads`, { leadIds: [lead] });
    const archived = await call('POST', `/lists/${list}/archive`);
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await call('GET', '/lists')).json().items.map((l: { id: string }) => l.id)).not.toContain(list);
    expect((await call('GET', '/lists?archived=true')).json().items.map((l: { id: string }) => l.id)).toEqual([list]);
    const refused = await call('POST', `/lists/${list}/leads`, { leadIds: [await newLead('late@example.com')] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('archived');
    expect((await call('GET', `/lists/${list}/leads`)).json().items).toHaveLength(1);
    expect((await call('POST', `/lists/${list}/restore`)).json().archivedAt).toBeNull();
    expect((await call('GET', '/lists')).json().items.map((l: { id: string }) => l.id)).toContain(list);
  });

  it('deletes a list but never its leads', async () => {
    const list = (await call('POST', '/lists', { name: 'Disposable' })).json().id as string;
    const lead = await newLead('survivor@example.com');
    await call('POST', `/lists/${list}/leads`, { leadIds: [lead] });
    expect((await call('DELETE', `/lists/${list}`)).statusCode).toBe(204);
    expect((await call('GET', `/lists/${list}`)).statusCode).toBe(404);
    const survivor = (await call('GET', `/leads/${lead}`)).json();
    expect(survivor.deleted_at).toBeNull();
    expect(survivor.lists).toEqual([]);
  });

  it('lets viewers read lists but not change them', async () => {
    const list = (await call('POST', '/lists', { name: 'Read only' })).json().id as string;
    expect((await call('GET', '/lists', undefined, viewer.headers)).statusCode).toBe(200);
    expect((await call('GET', `/lists/${list}/leads`, undefined, viewer.headers)).statusCode).toBe(200);
    expect((await call('POST', '/lists', { name: 'Nope' }, viewer.headers)).statusCode).toBe(403);
    expect((await call('PATCH', `/lists/${list}`, { name: 'Nope' }, viewer.headers)).statusCode).toBe(403);
    expect((await call('POST', `/lists/${list}/archive`, undefined, viewer.headers)).statusCode).toBe(403);
    expect((await call('POST', '/list-folders', { name: 'Nope' }, viewer.headers)).statusCode).toBe(403);
  });
});
