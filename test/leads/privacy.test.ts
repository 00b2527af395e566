import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import { getImport, importErrorsCsv, startImport } from '../../src/domains/imports/index.js';
import { addLeadNote, createLead, erasedPeople, filterErasedPeople, getLead, leadMerges, mergeLeads, updateLead } from '../../src/domains/leads/index.js';
import { createList, getList } from '../../src/domains/lists/index.js';
import { verifyResultCache } from '../../src/domains/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { csv, importDeps, upload } from '../imports/support.js';
import { drain } from '../jobs/helpers.js';
import { userCtx } from './support.js';

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));

describe('GDPR: person export, erasure and tombstones', () => {
  let t: TestApp;
  let owner: TestOwner;
  let member: TestUser;
  let ctx: Ctx;
  let otherCtx: Ctx;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    ctx = userCtx(t, owner.workspaceId, owner.id);
    const other = await createUserWithWorkspace(t);
    otherCtx = userCtx(t, other.workspaceId, other.id);
  });
  const deps = importDeps();
  afterAll(async () => {
    await t.close();
    deps.cleanup();
  });

  const post = (url: string, payload: unknown, headers = owner.headers) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

  it('exports everything held about a person, then erases them everywhere and keeps only keyed hashes', async () => {
    const list = await createList(ctx, { name: 'Erasure list' });
    const lead = await createLead(ctx, { email: 'erin.gone@acme.com', full_name: 'Erin Gone', linkedin_url: 'linkedin.com/in/erin-gone', list_ids: [list.id] });
    const twin = await createLead(ctx, { email: 'erin@home.io', linkedin_url: 'https://www.linkedin.com/in/erin-gone-2', list_ids: [list.id] });
    // A duplicate merged away into another lead keeps a snapshot of her: it must go too.
    const merged = await createLead(ctx, { first_name: 'Erin', linkedin_url: 'https://www.linkedin.com/in/erin-gone' });
    const keeper = await createLead(ctx, { email: 'keeper@acme.com' });
    await mergeLeads(ctx, { survivorId: keeper.id, mergedIds: [merged.id], fields: { linkedin_url: keeper.id } });
    // Her LinkedIn URL, found on her lead, makes this other lead hers too.
    const alias = await createLead(ctx, { first_name: 'E.', linkedin_url: 'linkedin.com/in/erin-gone' });
    await addLeadNote(ctx, { leadId: lead.id, body: 'Asked about pricing' });
    await t.db.database.db.insert(verifyResultCache).values({
      email: 'erin.gone@acme.com',
      result: { email: 'erin.gone@acme.com' } as never,
      checkedAt: new Date(),
      expiresAt: new Date(Date.now() + 86400_000),
    });
    const foreign = await createLead(otherCtx, { email: 'erin.gone@acme.com' });

    expect((await post('/privacy/person-export', { email: 'Erin.Gone@ACME.com' }, member.headers)).statusCode).toBe(403);
    const exported = await post('/privacy/person-export', { email: ' Erin.Gone@ACME.com ' });
    expect(exported.statusCode, exported.body).toBe(200);
    const doc = exported.json();
    expect(doc.leads.map((l: { id: string }) => l.id).sort()).toEqual([lead.id, alias.id].sort());
    expect(doc.leads.find((l: { id: string }) => l.id === lead.id).provenance.email.source.kind).toBe('manual');
    expect(doc.merges).toHaveLength(1);
    expect(doc.merges[0].mergedLeads[0].linkedinUrl).toBe('https://www.linkedin.com/in/erin-gone');
    expect(doc.notes.map((n: { body: string }) => n.body)).toEqual(['Asked about pricing']);
    expect(doc.activity.map((a: { type: string }) => a.type)).toEqual(expect.arrayContaining(['created', 'list_added', 'note_added']));
    expect(doc.verifications.map((v: { email: string }) => v.email)).toEqual(['erin.gone@acme.com']);

    expect((await post('/privacy/erasures', { email: 'erin.gone@acme.com' }, member.headers)).statusCode).toBe(403);
    const erased = await post('/privacy/erasures', { email: 'erin.gone@acme.com' });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ erasedLeads: 2 });
    expect(await codeOf(getLead(ctx, alias.id))).toBe('NOT_FOUND');
    expect((await getLead(ctx, keeper.id)).linkedin_url).toBeNull();
    expect(await codeOf(getLead(ctx, lead.id))).toBe('NOT_FOUND');
    expect((await getLead(ctx, twin.id)).email).toBe('erin@home.io');
    expect((await getList(ctx, list.id)).leadCount).toBe(1);
    expect(await t.db.database.db.select().from(verifyResultCache)).toEqual([]);
    expect(await t.db.database.db.select().from(leadMerges)).toEqual([]);
    // The other workspace keeps its own lead of the same address.
    expect((await getLead(otherCtx, foreign.id)).email).toBe('erin.gone@acme.com');

    // Tombstones are hashes: no address, no URL in clear.
    const tombstones = await t.db.database.db.select().from(erasedPeople);
    expect(tombstones.length).toBe(2);
    expect(JSON.stringify(tombstones)).not.toMatch(/erin|linkedin/i);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/workspace/audit?action=privacy.person_erased', headers: owner.headers });
    expect(audit.body).not.toContain('erin');

    // Creation, import and enrichment paths refuse her unless she is re-added on purpose.
    const again = await createLead(ctx, { email: 'ERIN.GONE@acme.com' }).catch((e: DomainError) => e);
    expect(again).toMatchObject({ code: 'CONFLICT', details: { erased: true } });
    expect(await codeOf(createLead(ctx, { linkedin_url: 'https://uk.linkedin.com/in/Erin-Gone/' }))).toBe('CONFLICT');
    const rows = [{ email: 'erin.gone@acme.com' }, { email: 'someone@else.io' }, { linkedinUrl: 'linkedin.com/in/erin-gone' }];
    const split = await filterErasedPeople(ctx, rows, (r) => r);
    expect(split.kept).toEqual([{ email: 'someone@else.io' }]);
    expect(split.erased).toHaveLength(2);
    expect((await filterErasedPeople(otherCtx, rows, (r) => r)).erased).toEqual([]);
    // Past 50 items a probe skips the hashing in a workspace that erased nobody: she is still found here.
    const many = [...Array.from({ length: 60 }, (_, i) => ({ email: `filler${i}@else.io` })), { email: 'Erin.Gone@acme.com' }];
    expect((await filterErasedPeople(ctx, many, (r) => r)).erased).toEqual([{ email: 'Erin.Gone@acme.com' }]);
    expect((await filterErasedPeople(otherCtx, many, (r) => r)).kept).toHaveLength(61);

    // Enrichment and edits write identifiers onto existing leads (the finder saves a found address through updateLead).
    const nameOnly = await createLead(ctx, { first_name: 'Erin', last_name: 'Gone', company: 'Acme' });
    expect(await codeOf(updateLead(ctx, { id: nameOnly.id, fields: { email: 'Erin.Gone@acme.com' } }))).toBe('CONFLICT');
    expect(await codeOf(updateLead(ctx, { id: nameOnly.id, fields: { linkedin_url: 'linkedin.com/in/erin-gone' } }))).toBe('CONFLICT');
    expect(await codeOf(updateLead(ctx, { id: nameOnly.id, fields: { title: 'CTO' } }))).toBe('OK');
    const viaApi = await t.app.inject({ method: 'PATCH', url: `/api/v1/leads/${nameOnly.id}`, headers: owner.headers, payload: { email: 'erin.gone@acme.com' } });
    expect(viaApi.statusCode, viaApi.body).toBe(409);
    expect(viaApi.json().error.message).toMatch(/erased/);

    // An import does not bring her back: her rows are row errors, the others are imported.
    const file = csv([['Email', 'LinkedIn'], ['ERIN.GONE@acme.com', ''], ['fresh@acme.com', ''], ['', 'https://www.linkedin.com/in/erin-gone/']]);
    const up = await upload(deps, owner.workspaceId, 'erased.csv', file);
    const mapping = [
      { index: 0, header: 'Email', field: 'email' },
      { index: 1, header: 'LinkedIn', field: 'linkedin_url' },
    ];
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping });
    await drain(ctx);
    expect((await getImport(ctx, imp.id)).counts).toMatchObject({ total: 3, created: 1, invalid: 2 });
    let report = '';
    for await (const part of importErrorsCsv(ctx, imp.id)) report += part;
    expect(report).toMatch(/^2,,,.*erased/m);
    expect(report).toMatch(/^4,,,.*erased/m);
    expect(report).not.toMatch(/erin/i);

    const readded = await createLead(ctx, { email: 'erin.gone@acme.com' }, { reAddErased: true });
    expect(readded.email).toBe('erin.gone@acme.com');
    expect((await post('/privacy/erasures/lift', { linkedinUrl: 'https://www.linkedin.com/in/erin-gone' })).json()).toEqual({ lifted: 1 });
    expect(await codeOf(createLead(ctx, { linkedin_url: 'https://www.linkedin.com/in/erin-gone' }))).toBe('OK');
  });

  it('refuses requests that name nobody', async () => {
    expect((await post('/privacy/erasures', {})).statusCode).toBe(400);
    expect((await post('/privacy/person-export', { phone: '+1' })).statusCode).toBe(400);
    expect((await post('/privacy/erasures/lift', {})).statusCode).toBe(400);
  });
});
