import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import {
  addLeadNote,
  createCustomField,
  createLead,
  deleteCustomField,
  deleteLead,
  ensureLeadSource,
  getLead,
  listLeadActivity,
  listLeadNotes,
  listLeads,
  purgeDeletedLeads,
  purgeExpiredDeletedLeads,
  restoreLead,
  updateLead,
} from '../../src/domains/leads/index.js';
import { scheduledTasks } from '../../src/main/schedules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'OK';
};

describe('lead verbs on a real database', () => {
  let t: TestApp;
  let clock: ManualClock;
  let ctx: Ctx;
  let workspaceId: string;
  let ownerId: string;

  beforeAll(async () => {
    clock = new ManualClock('2026-03-01T09:00:00Z');
    t = await createTestApp({ clock });
    const owner = await createUserWithWorkspace(t);
    workspaceId = owner.workspaceId;
    ownerId = owner.id;
    ctx = userCtx(t, workspaceId, ownerId);
  });
  afterAll(async () => t.close());

  it('creates a normalized lead with provenance and a created entry', async () => {
    const lead = await createLead(ctx, { email: ' Ana.Lima@Example.COM', full_name: 'Ana Lima', country: 'Brasil', phone: '11 91234-5678', company: 'Lima Ltda.' });
    expect(lead).toMatchObject({ email: 'ana.lima@example.com', first_name: 'Ana', last_name: 'Lima', country_code: 'BR', phone: '+5511912345678', phone_type: 'mobile' });
    expect(lead.provenance.email).toEqual({ source: expect.objectContaining({ kind: 'manual', ref: ownerId }), at: '2026-03-01T09:00:00.000Z' });
    const activity = await listLeadActivity(ctx, { leadId: lead.id });
    expect(activity.items.map((a) => a.type)).toEqual(['created']);
    expect(activity.items[0]!.actor).toEqual({ type: 'user', userId: ownerId, apiKeyId: null });
  });

  it('enforces one live lead per normalized email, naming the existing lead', async () => {
    const first = await createLead(ctx, { email: 'dup@example.com' });
    const err = await createLead(ctx, { email: '  DUP@example.com ' }).catch((e: DomainError) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('CONFLICT');
    expect((err as DomainError).details).toEqual({ field: 'email', leadId: first.id });
    const other = await createLead(ctx, { email: 'other@example.com' });
    expect(await code(updateLead(ctx, { id: other.id, fields: { email: 'Dup@Example.com' } }))).toBe('CONFLICT');
  });

  it('lets the database settle concurrent creates of one email', async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => createLead(ctx, { email: 'race@example.com' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason.code).toBe('CONFLICT');
  });

  it('stamps only changed fields with their source and records the changes', async () => {
    const lead = await createLead(ctx, { email: 'prov@example.com', title: 'CTO' });
    clock.advance(60_000);
    const finderSource = { kind: 'provider' as const, ref: 'apollo', label: 'Apollo' };
    const updated = await updateLead(ctx, { id: lead.id, fields: { title: 'CTO', phone: '+1 415 555 2671', stage: 'contacted' } }, { source: finderSource });
    expect(updated.provenance.title!.source.kind).toBe('manual');
    expect(updated.provenance.phone).toEqual({ source: expect.objectContaining({ kind: 'provider', ref: 'apollo', label: 'Apollo' }), at: '2026-03-01T09:01:00.000Z' });
    const activity = await listLeadActivity(ctx, { leadId: lead.id });
    expect(activity.items.map((a) => a.type)).toEqual(['fields_changed', 'stage_changed', 'created']);
    expect(activity.items[0]!.data).toEqual({ changes: { phone: { from: null, to: '+14155552671' } } });
    expect(activity.items[1]!.data).toEqual({ from: 'new', to: 'contacted' });
    expect(activity.items[0]!.source).toMatchObject({ kind: 'provider', ref: 'apollo' });
  });

  it('does not write when nothing changes', async () => {
    const lead = await createLead(ctx, { email: 'same@example.com' });
    clock.advance(1000);
    const again = await updateLead(ctx, { id: lead.id, fields: { email: 'SAME@example.com' } });
    expect(again.updated_at).toBe(lead.updated_at);
    expect((await listLeadActivity(ctx, { leadId: lead.id })).items).toHaveLength(1);
  });

  it('reuses one source row per source', async () => {
    const a = await ensureLeadSource(ctx, { kind: 'import', ref: 'imp-1' });
    const b = await ensureLeadSource(ctx, { kind: 'import', ref: 'imp-1' });
    const c = await ensureLeadSource(ctx, { kind: 'import', ref: 'imp-2' });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('soft-deletes, frees the email, restores within 30 days and refuses afterwards', async () => {
    const lead = await createLead(ctx, { email: 'trash@example.com' });
    await deleteLead(ctx, lead.id);
    await deleteLead(ctx, lead.id); // idempotent
    expect((await getLead(ctx, lead.id)).deleted_at).not.toBeNull();
    expect(await code(updateLead(ctx, { id: lead.id, fields: { title: 'x' } }))).toBe('NOT_FOUND');
    const trash = await listLeads(ctx, { deleted: 'true' });
    expect(trash.items.map((l) => l.id)).toContain(lead.id);
    expect((await listLeads(ctx, { limit: 200 })).items.map((l) => l.id)).not.toContain(lead.id);

    // Its email is free while it is in the trash; restoring then conflicts.
    const taker = await createLead(ctx, { email: 'trash@example.com' });
    expect(await code(restoreLead(ctx, lead.id))).toBe('CONFLICT');
    await deleteLead(ctx, taker.id);
    clock.advance(29 * 86_400_000);
    const restored = await restoreLead(ctx, lead.id);
    expect(restored.deleted_at).toBeNull();
    const types = (await listLeadActivity(ctx, { leadId: lead.id })).items.map((a) => a.type);
    expect(types.slice(0, 2)).toEqual(['restored', 'deleted']);

    // The taker has now been in the trash for 29 days: one more than a day later it is gone.
    clock.advance(2 * 86_400_000);
    expect(await code(restoreLead(ctx, taker.id))).toBe('GONE');
    // The scheduled purge (every workspace) is what removes them in production.
    expect(scheduledTasks.find((task) => task.name === 'leads.purge-deleted')).toBeDefined();
    const { purged } = await purgeExpiredDeletedLeads(ctx);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect((await purgeDeletedLeads(ctx)).purged).toBe(0);
    expect(await code(getLead(ctx, taker.id))).toBe('NOT_FOUND');
    expect((await getLead(ctx, lead.id)).id).toBe(lead.id);
  });

  it('validates custom values against their definitions and clears them when a field is deleted', async () => {
    const field = await createCustomField(ctx, { key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'] });
    await createCustomField(ctx, { key: 'seats', label: 'Seats', type: 'number' });
    await createCustomField(ctx, { key: 'renewal', label: 'Renewal', type: 'date' });
    await createCustomField(ctx, { key: 'champion', label: 'Champion', type: 'boolean' });
    await createCustomField(ctx, { key: 'remark', label: 'Remark', type: 'text' });
    const lead = await createLead(ctx, { email: 'custom@example.com', custom: { plan: 'pro', seats: 12, renewal: '2026-12-31', champion: true, remark: ' hi ' } });
    expect(lead.custom).toEqual({ plan: 'Pro', seats: 12, renewal: '2026-12-31', champion: true, remark: 'hi' });
    expect(lead.provenance['custom.plan']).toBeDefined();
    expect(await code(updateLead(ctx, { id: lead.id, fields: { custom: { seats: '12' } } }))).toBe('VALIDATION');
    expect(await code(updateLead(ctx, { id: lead.id, fields: { custom: { unknown: 1 } } }))).toBe('VALIDATION');
    const { leadsCleared } = await deleteCustomField(ctx, field.id);
    expect(leadsCleared).toBe(1);
    const after = await getLead(ctx, lead.id);
    expect(after.custom).not.toHaveProperty('plan');
    expect(after.provenance).not.toHaveProperty('custom.plan');
    expect(Object.keys(after.provenance)).toEqual(expect.arrayContaining(['email', 'custom.seats', 'custom.remark']));
  });

  it('only lets admins change the field schema', async () => {
    const member = await addMember(t, workspaceId, 'member');
    expect(await code(createCustomField(userCtx(t, workspaceId, member.id, 'member'), { key: 'x', label: 'X', type: 'text' }))).toBe('FORBIDDEN');
  });

  it('keeps notes with their author and lists them newest first', async () => {
    const lead = await createLead(ctx, { email: 'notes@example.com' });
    await addLeadNote(ctx, { leadId: lead.id, body: 'First call went well' });
    clock.advance(1000);
    const second = await addLeadNote(ctx, { leadId: lead.id, body: 'Sent the proposal' });
    expect(second.author.userId).toBe(ownerId);
    const page1 = await listLeadNotes(ctx, { leadId: lead.id, limit: 1 });
    expect(page1.items.map((n) => n.body)).toEqual(['Sent the proposal']);
    const page2 = await listLeadNotes(ctx, { leadId: lead.id, limit: 1, cursor: page1.nextCursor! });
    expect(page2.items.map((n) => n.body)).toEqual(['First call went well']);
    expect(page2.nextCursor).toBeNull();
    expect(await code(addLeadNote(ctx, { leadId: lead.id, body: '   ' }))).toBe('VALIDATION');
  });

  it('checks that the owner is a member of the workspace', async () => {
    const member = await addMember(t, workspaceId, 'member');
    const lead = await createLead(ctx, { email: 'owner@example.com', owner_id: member.id });
    expect(lead.owner_id).toBe(member.id);
    const stranger = await createUserWithWorkspace(t);
    expect(await code(updateLead(ctx, { id: lead.id, fields: { owner_id: stranger.id } }))).toBe('VALIDATION');
  });
});
