import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import { listAuditEvents } from '../../src/domains/audit/index.js';
import {
  addLeadNote,
  createCustomField,
  createLead,
  ensureLeadSource,
  findDuplicates,
  getLead,
  listLeadActivity,
  listLeadNotes,
  mergeLeads,
  undoMerge,
  updateLead,
} from '../../src/domains/leads/index.js';
import { createList, getList } from '../../src/domains/lists/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));

describe('duplicates and merge on a real database', () => {
  let t: TestApp;
  let clock: ManualClock;
  let ctx: Ctx;
  let otherCtx: Ctx;

  beforeAll(async () => {
    clock = new ManualClock('2026-04-01T09:00:00Z');
    t = await createTestApp({ clock });
    const owner = await createUserWithWorkspace(t);
    ctx = userCtx(t, owner.workspaceId, owner.id);
    const other = await createUserWithWorkspace(t);
    otherCtx = userCtx(t, other.workspaceId, other.id);
  });
  afterAll(async () => t.close());

  it('groups live leads by LinkedIn URL, phone and name + company domain, in keyset pages', async () => {
    const a = await createLead(ctx, { first_name: 'Jane', last_name: 'Doe', linkedin_url: 'linkedin.com/in/JaneDoe/', company_domain: 'acme.com' });
    clock.advance(1000);
    const b = await createLead(ctx, { email: 'jane@acme.com', linkedin_url: 'https://fr.linkedin.com/in/janedoe?trk=x' });
    clock.advance(1000);
    await createLead(ctx, { email: 'x1@beta.io', linkedin_url: 'https://www.linkedin.com/in/solo' });
    clock.advance(1000);
    const c = await createLead(ctx, { full_name: 'JANE DOE', website: 'https://www.acme.com/about', phone: '+1 415 555 2671' });
    clock.advance(1000);
    const d = await createLead(ctx, { email: 'jd@acme.com', phone: '(415) 555-2671', country: 'US' });
    clock.advance(1000);
    const e = await createLead(ctx, { email: 'z1@zeta.io', linkedin_url: 'https://www.linkedin.com/in/zed' });
    clock.advance(1000);
    const f = await createLead(ctx, { email: 'z2@zeta.io', linkedin_url: 'https://www.linkedin.com/in/zed' });
    clock.advance(1000);
    // Another workspace's identical LinkedIn URL is never a candidate.
    await createLead(otherCtx, { linkedin_url: 'https://www.linkedin.com/in/janedoe' });

    const first = await findDuplicates(ctx, { key: 'linkedin_url', limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ key: 'linkedin_url', value: 'https://www.linkedin.com/in/janedoe', count: 2 });
    expect(first.items[0]!.leads.map((l) => l.id)).toEqual([a.id, b.id]);
    const second = await findDuplicates(ctx, { key: 'linkedin_url', limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((g) => g.leads.map((l) => l.id))).toEqual([[e.id, f.id]]);
    expect(second.nextCursor).toBeNull();

    const phones = await findDuplicates(ctx, { key: 'phone' });
    expect(phones.items.map((g) => [g.value, g.leads.map((l) => l.id)])).toEqual([['+14155552671', [c.id, d.id]]]);
    const names = await findDuplicates(ctx, { key: 'name_company' });
    expect(names.items.map((g) => [g.value, g.leads.map((l) => l.id)])).toEqual([['acme.com · doe · jane', [a.id, c.id]]]);
    expect(await codeOf(findDuplicates(ctx, { cursor: 'garbage' }))).toBe('VALIDATION');
  });

  it('merges with per-field choices, keeping notes, timeline, lists, custom values and provenance; undo brings everything back', async () => {
    await createCustomField(ctx, { key: 'persona', label: 'Persona', type: 'text' });
    const listA = await createList(ctx, { name: 'Merge A' });
    const listB = await createList(ctx, { name: 'Merge B' });
    const survivor = await createLead(ctx, { email: 'sam@old.io', first_name: 'Sam', last_name: 'Hill', title: 'CTO', tags: ['vip'], list_ids: [listA.id] });
    clock.advance(60_000);
    const apollo = { kind: 'provider' as const, ref: 'apollo', label: 'Apollo' };
    const dup = await createLead(
      ctx,
      { email: 'sam@new.io', first_name: 'Sam', last_name: 'Hill', title: 'VP Eng', phone: '+33 6 12 34 56 78', tags: ['Warm', 'VIP'], custom: { persona: 'builder' }, list_ids: [listA.id, listB.id] },
      { source: apollo },
    );
    await addLeadNote(ctx, { leadId: dup.id, body: 'Met at the fair' });
    clock.advance(60_000);
    const apolloId = await ensureLeadSource(ctx, apollo);

    const { mergeId, lead } = await mergeLeads(ctx, { survivorId: survivor.id, mergedIds: [dup.id], fields: { email: dup.id } });
    expect(lead).toMatchObject({ id: survivor.id, email: 'sam@new.io', title: 'CTO', phone: '+33612345678', phone_type: 'mobile', custom: { persona: 'builder' } });
    expect(lead.tags).toEqual(['vip', 'Warm']);
    expect(lead.lists.map((l) => l.name).sort()).toEqual(['Merge A', 'Merge B']);
    // Taken values keep the source and time they had on the merged lead.
    expect(lead.provenance.email).toEqual({ source: expect.objectContaining({ id: apolloId, kind: 'provider' }), at: dup.provenance.email!.at });
    expect(dup.provenance.email!.at).not.toBe(survivor.provenance.email!.at);
    expect(lead.provenance['custom.persona']!.source.id).toBe(apolloId);
    expect(lead.provenance.title!.source.kind).toBe('manual');
    expect(await codeOf(getLead(ctx, dup.id))).toBe('NOT_FOUND');
    expect((await listLeadNotes(ctx, { leadId: survivor.id })).items.map((n) => n.body)).toEqual(['Met at the fair']);
    const timeline = (await listLeadActivity(ctx, { leadId: survivor.id })).items;
    expect(timeline[0]).toMatchObject({ type: 'merged', data: { mergeId, mergedLeadIds: [dup.id] } });
    expect(timeline.map((a) => a.type)).toEqual(expect.arrayContaining(['created', 'note_added']));
    expect(timeline.filter((a) => a.type === 'created')).toHaveLength(2);
    expect((await getList(ctx, listA.id)).leadCount).toBe(1);
    expect((await getList(ctx, listB.id)).leadCount).toBe(1);
    const audit = await listAuditEvents(ctx, { action: 'lead.merged' });
    expect(audit.items[0]).toMatchObject({ targetId: survivor.id });
    // The merged-away email is free to take only through the survivor.
    expect(await codeOf(createLead(ctx, { email: 'sam@new.io' }))).toBe('CONFLICT');

    const undone = await undoMerge(ctx, mergeId);
    expect(undone.survivor).toMatchObject({ email: 'sam@old.io', title: 'CTO', phone: null, tags: ['vip'], custom: {} });
    expect(undone.survivor.lists.map((l) => l.name)).toEqual(['Merge A']);
    const back = await getLead(ctx, dup.id);
    expect(back).toMatchObject({ email: 'sam@new.io', title: 'VP Eng', custom: { persona: 'builder' } });
    expect(back.provenance.email!.source.id).toBe(apolloId);
    expect(back.lists.map((l) => l.name).sort()).toEqual(['Merge A', 'Merge B']);
    expect((await listLeadNotes(ctx, { leadId: dup.id })).items.map((n) => n.body)).toEqual(['Met at the fair']);
    expect((await listLeadNotes(ctx, { leadId: survivor.id })).items).toEqual([]);
    expect((await listLeadActivity(ctx, { leadId: dup.id })).items.map((a) => a.type)).toEqual(['note_added', 'list_added', 'list_added', 'created']);
    expect((await listLeadActivity(ctx, { leadId: survivor.id })).items.map((a) => a.type)).toEqual(['merge_undone', 'merged', 'list_added', 'created']);
    expect((await getList(ctx, listA.id)).leadCount).toBe(2);
    expect((await getList(ctx, listB.id)).leadCount).toBe(1);
    expect(await codeOf(undoMerge(ctx, mergeId))).toBe('CONFLICT');
  });

  it('refuses bad merges and an undo after the survivor was edited', async () => {
    const a = await createLead(ctx, { email: 'r1@refuse.io' });
    const b = await createLead(ctx, { email: 'r2@refuse.io' });
    const foreign = await createLead(otherCtx, { email: 'r3@refuse.io' });
    expect(await codeOf(mergeLeads(ctx, { survivorId: a.id, mergedIds: [foreign.id] }))).toBe('NOT_FOUND');
    expect(await codeOf(mergeLeads(ctx, { survivorId: a.id, mergedIds: [a.id] }))).toBe('VALIDATION');
    expect(await codeOf(mergeLeads(ctx, { survivorId: a.id, mergedIds: [b.id], fields: { favourite_colour: b.id } }))).toBe('VALIDATION');
    expect(await codeOf(mergeLeads(ctx, { survivorId: a.id, mergedIds: [b.id], fields: { title: foreign.id } }))).toBe('VALIDATION');
    expect(await codeOf(mergeLeads(otherCtx, { survivorId: a.id, mergedIds: [b.id] }))).toBe('NOT_FOUND');
    const { mergeId } = await mergeLeads(ctx, { survivorId: a.id, mergedIds: [b.id] });
    expect(await codeOf(undoMerge(otherCtx, mergeId))).toBe('NOT_FOUND');
    clock.advance(1000);
    await updateLead(ctx, { id: a.id, fields: { title: 'Edited after' } });
    expect(await codeOf(undoMerge(ctx, mergeId))).toBe('CONFLICT');
  });
});
