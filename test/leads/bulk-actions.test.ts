import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { queryRows } from '../../src/core/db.js';
import { getJob } from '../../src/domains/jobs/index.js';
import { createLead, getLead, listLeadActivity, type LeadView } from '../../src/domains/leads/index.js';
import { createList, getList } from '../../src/domains/lists/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';
import { userCtx } from './support.js';

describe('bulk actions on leads', () => {
  let t: TestApp;
  let owner: TestOwner;
  let member: TestUser;
  let viewer: TestUser;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let small: LeadView[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    viewer = await addMember(t, owner.workspaceId, 'viewer');
    const ctx = userCtx(t, owner.workspaceId, owner.id);
    small = [];
    for (let i = 0; i < 6; i++) {
      small.push(await createLead(ctx, { full_name: `Small Person${i}`, email: `small${i}@bulk.test`, stage: 'new', tags: i === 0 ? ['Keep', 'old'] : [] }));
    }
  });
  afterAll(async () => t.close());

  const bulk = (payload: object, headers = owner.headers) => t.app.inject({ method: 'POST', url: '/api/v1/leads/bulk', headers, payload });
  const ids = (n = 3) => small.slice(0, n).map((l) => l.id);
  const ctx = () => userCtx(t, owner.workspaceId, owner.id);

  it('tags and untags a selection at once, with the timeline and provenance of an edit', async () => {
    const r = await bulk({ action: { type: 'tag', tags: ['hot', 'keep'] }, ids: ids() });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ mode: 'sync', matched: 3, changed: 3 });
    const first = await getLead(ctx(), small[0]!.id);
    expect(first.tags).toEqual(['Keep', 'old', 'hot']); // "keep" is already there as "Keep"
    expect(first.provenance.tags?.source.kind).toBe('manual');
    const activity = await listLeadActivity(ctx(), { leadId: small[1]!.id });
    expect(activity.items[0]).toMatchObject({ type: 'fields_changed', data: { changes: { tags: { from: [], to: ['hot', 'keep'] } } }, actor: { userId: owner.id } });

    const again = await bulk({ action: { type: 'tag', tags: ['HOT'] }, ids: ids() });
    expect(again.json()).toEqual({ mode: 'sync', matched: 3, changed: 0 });
    const untag = await bulk({ action: { type: 'untag', tags: ['hot', 'OLD'] }, ids: ids() });
    expect(untag.json()).toMatchObject({ changed: 3 });
    expect((await getLead(ctx(), small[0]!.id)).tags).toEqual(['Keep']);
  });

  it('sets the stage (closing a deal stamps closed_at) and the owner', async () => {
    const r = await bulk({ action: { type: 'set_stage', stage: 'customer' }, ids: ids(2) });
    expect(r.json()).toMatchObject({ changed: 2 });
    const lead = await getLead(ctx(), small[0]!.id);
    expect(lead.stage).toBe('customer');
    expect(lead.closed_at).toBe(clock.now().toISOString());
    const timeline = (await listLeadActivity(ctx(), { leadId: small[0]!.id })).items;
    expect(timeline.find((a) => a.type === 'stage_changed')).toMatchObject({ data: { from: 'new', to: 'customer' } });

    expect((await bulk({ action: { type: 'set_owner', owner_id: member.id }, ids: ids(2) })).json()).toMatchObject({ changed: 2 });
    expect((await getLead(ctx(), small[1]!.id)).owner_id).toBe(member.id);
    const stranger = await createUserWithWorkspace(t);
    const refused = await bulk({ action: { type: 'set_owner', owner_id: stranger.id }, ids: ids(2) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('not a member');
  });

  it('adds to and removes from a list, keeping its count exact; private lists stay private', async () => {
    const list = await createList(ctx(), { name: 'Bulk list' });
    const add = await bulk({ action: { type: 'add_to_list', list_id: list.id }, ids: ids(4) });
    expect(add.json()).toMatchObject({ changed: 4 });
    expect((await getList(ctx(), list.id)).leadCount).toBe(4);
    const rm = await bulk({ action: { type: 'remove_from_list', list_id: list.id }, ids: ids(2) });
    expect(rm.json()).toMatchObject({ changed: 2 });
    expect((await getList(ctx(), list.id)).leadCount).toBe(2);

    const secret = await createList(ctx(), { name: 'Bulk secret', visibility: 'private' });
    const hidden = await bulk({ action: { type: 'add_to_list', list_id: secret.id }, ids: ids(2) }, member.headers);
    expect(hidden.statusCode).toBe(404);
    expect((await getList(ctx(), secret.id)).leadCount).toBe(0);
  });

  it('soft-deletes and restores a selection, list counts following', async () => {
    const list = await createList(ctx(), { name: 'Delete list' });
    await bulk({ action: { type: 'add_to_list', list_id: list.id }, ids: ids(3) });
    const del = await bulk({ action: { type: 'delete' }, ids: ids(3) });
    expect(del.json()).toMatchObject({ changed: 3 });
    expect((await getLead(ctx(), small[0]!.id)).deleted_at).not.toBeNull();
    expect((await getList(ctx(), list.id)).leadCount).toBe(0);
    const trash = await t.app.inject({ method: 'GET', url: '/api/v1/leads?deleted=true', headers: owner.headers });
    expect(trash.json().items.map((l: LeadView) => l.id).sort()).toEqual(ids(3).sort());

    // "everything matching" in the trash: restore takes deleted leads whatever the query says.
    const restore = await bulk({ action: { type: 'restore' }, match: { q: 'small' } });
    expect(restore.json()).toMatchObject({ mode: 'sync', matched: 3, changed: 3 });
    expect((await getList(ctx(), list.id)).leadCount).toBe(3);
    expect((await listLeadActivity(ctx(), { leadId: small[0]!.id })).items[0]!.type).toBe('restored');
  });

  it('acts on everything matching a filter, and records the action in the audit log', async () => {
    const r = await bulk({ action: { type: 'tag', tags: ['filtered'] }, match: { filter: { field: 'email', op: 'starts_with', value: 'small4' } } });
    expect(r.json()).toEqual({ mode: 'sync', matched: 1, changed: 1 });
    expect((await getLead(ctx(), small[4]!.id)).tags).toEqual(['filtered']);
    const [audit] = await queryRows<{ metadata: Record<string, unknown> }>(
      t.ctx().db,
      sql`select metadata from audit_events where workspace_id = ${owner.workspaceId}::uuid and action = 'leads.bulk' order by created_at desc, id desc limit 1`,
    );
    expect(audit!.metadata).toMatchObject({ type: 'tag', matched: 1, changed: 1 });
  });

  it.each([
    [{ action: { type: 'tag', tags: [] }, ids: ['00000000-0000-4000-8000-000000000000'] }, 'at least one tag'],
    [{ action: { type: 'paint' }, ids: ['00000000-0000-4000-8000-000000000000'] }, 'action'],
    [{ action: { type: 'delete' } }, 'give either ids or match'],
    [{ action: { type: 'delete' }, ids: ['x'], match: {} }, 'ids'],
    [{ action: { type: 'delete' }, match: { filter: { field: 'shoe_size', op: 'eq', value: 42 } } }, 'Unknown field: shoe_size'],
    [{ action: { type: 'set_stage', stage: 'won' }, ids: ['00000000-0000-4000-8000-000000000000'] }, 'stage'],
  ])('refuses %j with a 400', async (payload, message) => {
    const r = await bulk(payload);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.message).toContain(message);
  });

  it('is for members: a viewer gets 403', async () => {
    expect((await bulk({ action: { type: 'delete' }, ids: ids(1) }, viewer.headers)).statusCode).toBe(403);
  });

  it('runs a selection larger than 1,000 leads as a leads.bulk job, chunk by chunk', async () => {
    const db = t.ctx().db;
    // 1,500 leads straight into the table (the verbs are not what is tested here).
    await db.execute(sql`
      insert into leads (workspace_id, full_name, last_name, search_text, sort_last_name, tags)
      select ${owner.workspaceId}::uuid, 'Many ' || g, 'Many' || g, 'many ' || g, '1many' || g, '{}'::text[]
      from generate_series(1, 1500) g`);
    const list = await createList(ctx(), { name: 'Many' });

    const r = await bulk({ action: { type: 'add_to_list', list_id: list.id }, match: { q: 'many' } });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ mode: 'job', matched: 1500 });
    const jobId = r.json().jobId as string;
    expect((await getJob(ctx(), { jobId })).kind).toBe('leads.bulk');
    expect(await drain(t.ctx())).toBe(3); // chunks of 500
    const job = await getJob(ctx(), { jobId });
    expect(job).toMatchObject({ status: 'completed', total: 1500, succeeded: 1500 });
    expect((await getList(ctx(), list.id)).leadCount).toBe(1500);

    const tag = await bulk({ action: { type: 'tag', tags: ['many'] }, match: { list_id: list.id } });
    expect(tag.statusCode).toBe(202);
    await drain(t.ctx());
    const [tagged] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from leads where workspace_id = ${owner.workspaceId}::uuid and tags @> '{many}'`);
    expect(Number(tagged!.n)).toBe(1500);
    // The timeline names the person who asked, not the worker.
    const [acts] = await queryRows<{ n: number; users: number }>(
      db,
      sql`select count(*)::int as n, count(distinct actor_user_id)::int as users from lead_activities
          where workspace_id = ${owner.workspaceId}::uuid and type = 'fields_changed' and actor_user_id = ${owner.id}::uuid and data->'changes' ? 'tags'
            and lead_id in (select lead_id from lead_list_items where list_id = ${list.id}::uuid)`,
    );
    expect(Number(acts!.n)).toBe(1500);

    const del = await bulk({ action: { type: 'delete' }, match: { list_id: list.id } });
    expect(del.statusCode).toBe(202);
    await drain(t.ctx());
    expect((await getList(ctx(), list.id)).leadCount).toBe(0);
    const count = await t.app.inject({ method: 'GET', url: `/api/v1/leads/count?list_id=${list.id}`, headers: owner.headers });
    expect(count.json()).toEqual({ count: 0, capped: false });
  });
});
