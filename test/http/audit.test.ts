import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/domains/audit/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';

interface Item {
  id: number;
  action: string;
  actorEmail: string | null;
  metadata: Record<string, unknown>;
}

describe('audit log listing', () => {
  let t: TestApp;
  let owner: TestOwner;
  let other: TestOwner;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t, { workspaceName: 'Audited' });
    other = await createUserWithWorkspace(t, { workspaceName: 'Elsewhere' });
    // 25 events in our workspace (plus workspace.created), 3 in the other one.
    const ctx = { ...t.ctx(owner.workspaceId), actor: { type: 'user' as const, userId: owner.id, ip: '127.0.0.1', userAgent: 'vitest' } };
    for (let i = 0; i < 25; i++) {
      await recordAudit(ctx, { action: i % 5 === 0 ? 'member.removed' : 'lead.updated', targetType: 'lead', targetId: String(i), metadata: { i } });
    }
    for (let i = 0; i < 3; i++) await recordAudit(t.ctx(other.workspaceId), { action: 'lead.updated', metadata: { secret: 'other-workspace' } });
  });
  afterAll(async () => t.close());

  const page = (query: string, headers = owner.headers) => t.app.inject({ method: 'GET', url: `/api/v1/workspace/audit${query}`, headers });

  it('lists newest first with the actor email, and pages by cursor without gaps or repeats', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await page(`?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: Item[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(10);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(26);
    const ids = seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(26);
    expect(seen.at(-1)!.action).toBe('workspace.created');
    expect(seen[0]).toMatchObject({ action: 'lead.updated', actorEmail: owner.email, metadata: { i: 24 } });
    expect(JSON.stringify(seen)).not.toContain('other-workspace');
  });

  it('returns the full shape of an event', async () => {
    const r = await page('?limit=1');
    expect(r.json().items[0]).toEqual({
      id: expect.any(Number),
      action: 'lead.updated',
      actorType: 'user',
      actorUserId: owner.id,
      actorEmail: owner.email,
      actorApiKeyId: null,
      targetType: 'lead',
      targetId: '24',
      ip: '127.0.0.1',
      userAgent: 'vitest',
      metadata: { i: 24 },
      createdAt: expect.any(String),
    });
    expect(r.json().nextCursor).toEqual(String(r.json().items[0].id));
  });

  it('filters by exact action or by prefix', async () => {
    const exact = (await page('?action=member.removed')).json();
    expect(exact.items).toHaveLength(5);
    expect(exact.items.every((e: Item) => e.action === 'member.removed')).toBe(true);
    expect(exact.nextCursor).toBeNull();
    const prefix = (await page('?action=workspace.*')).json();
    expect(prefix.items.map((e: Item) => e.action)).toEqual(['workspace.created']);
    const paged = (await page('?action=member.removed&limit=2')).json();
    const rest = (await page(`?action=member.removed&limit=10&cursor=${paged.nextCursor}`)).json();
    expect([...paged.items, ...rest.items].map((e: Item) => e.id)).toEqual(exact.items.map((e: Item) => e.id));
  });

  it('validates limit, cursor and action', async () => {
    for (const q of ['?limit=0', '?limit=201', '?limit=abc', '?cursor=-1', '?cursor=abc', "?action=x';drop", '?action=%25']) {
      const r = await page(q);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION');
    }
    expect((await page('?limit=200')).statusCode).toBe(200);
  });

  it('is for owners and admins only (users and API keys)', async () => {
    const admin = await addMember(t, owner.workspaceId, 'admin');
    expect((await page('', admin.headers)).statusCode).toBe(200);
    for (const role of ['member', 'viewer'] as const) {
      const m = await addMember(t, owner.workspaceId, role);
      expect((await page('', m.headers)).statusCode).toBe(403);
      const key = await createTestApiKey(t, owner.workspaceId, role);
      expect((await page('', key.headers)).statusCode).toBe(403);
    }
    const adminKey = await createTestApiKey(t, owner.workspaceId, 'admin');
    expect((await page('', adminKey.headers)).statusCode).toBe(200);
  });
});
