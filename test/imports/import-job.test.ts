import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { getImport, importErrorsCsv, listImports, previewUpload, startImport, undoImport } from '../../src/domains/imports/index.js';
import { createLead, getLead, leads, updateLead } from '../../src/domains/leads/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';
import { claimChunk, runClaimedChunk } from '../../src/domains/jobs/index.js';
import { refreshLookupStatistics } from '../../src/domains/imports/lead-statistics.js';
import { userCtx } from '../leads/support.js';
import { csv, importDeps, upload } from './support.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const HEADER = ['Email', 'First Name', 'Last Name', 'Company', 'Employees', 'Lead Score'];
const MAPPING = [
  { index: 0, header: 'Email', field: 'email' },
  { index: 1, header: 'First Name', field: 'first_name' },
  { index: 2, header: 'Last Name', field: 'last_name' },
  { index: 3, header: 'Company', field: 'company' },
  { index: 4, header: 'Employees', field: 'employee_count' },
  { index: 5, header: 'Lead Score', field: 'custom.lead_score' },
];

async function collect(it: AsyncIterable<string>) {
  let s = '';
  for await (const part of it) s += part;
  return s;
}

describe('import job', { timeout: 120_000 }, () => {
  let t: TestApp;
  let ctx: Ctx;
  let other: Ctx;
  let workspaceId: string;
  const deps = importDeps();

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    workspaceId = owner.workspaceId;
    ctx = userCtx(t, owner.workspaceId, owner.id);
    const stranger = await createUserWithWorkspace(t);
    other = userCtx(t, stranger.workspaceId, stranger.id);
  });
  afterAll(async () => {
    await t?.close();
    deps.cleanup();
  });

  it('imports 2,500 rows in blocks: created, invalid, duplicates in the file, existing leads skipped; list, tags, error report', async () => {
    await createLead(ctx, { email: 'existing@acme.com', first_name: 'Old' });
    const rows: (string | number)[][] = [HEADER, ['existing@acme.com', 'First', 'Block', 'Acme', '5', '1']];
    for (let i = 0; i < 2_500; i++) rows.push([`person${i}@acme.com`, `First${i}`, `Last${i}`, 'Acme', String(10 + i), String(i)]);
    rows.push(['existing@acme.com', 'New', 'Name', 'Acme', '5', '1']); // matched in the first block already: a duplicate
    rows.push(['person7@acme.com', 'Dup', 'Seven', 'Acme', '5', '1']); // same email as row 9, other block
    rows.push(['bad@acme.com', 'Bad', 'Count', 'Acme', 'lots', '1']); // not a number
    rows.push(['', '', '', '', '12', '3']); // nothing identifying
    const up = await upload(deps, workspaceId, 'leads.csv', csv(rows));
    const started = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: MAPPING, newListName: 'Imported', options: { tags: ['q3'] } });
    expect(started.counts.total).toBe(2_505);
    await drain(ctx);
    const done = await getImport(ctx, started.id);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({ total: 2_505, created: 2_500, updated: 0, skipped: 1, invalid: 2, duplicates: 2 });
    // The last block refreshed the planner's statistics of leads (analyzed when the table held ~1 lead).
    const [stats] = await queryRows<{ reltuples: number }>(ctx.db, sql`select reltuples::float8 as reltuples from pg_class where oid = 'leads'::regclass`);
    expect(Number(stats!.reltuples)).toBeGreaterThanOrEqual(2_500);
    const [{ n }] = (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from leads where workspace_id = ${workspaceId}::uuid and 'q3' = any(tags)`)) as [{ n: number }];
    expect(Number(n)).toBe(2_500);
    const [member] = await queryRows<{ lead_count: number }>(ctx.db, sql`select lead_count from lists where id = ${done.listId}::uuid`);
    expect(Number(member!.lead_count)).toBe(2_501); // the skipped existing lead joins the list too
    const [lead] = await ctx.db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.emailNormalized, 'person42@acme.com')));
    expect(lead).toMatchObject({ firstName: 'First42', employeeCount: 52, custom: { lead_score: '42' } });
    const report = await collect(importErrorsCsv(ctx, started.id));
    expect(report.split('\n').slice(0, 3)).toEqual([
      'row,column,value,problem',
      '2505,Employees,lots,not a number',
      expect.stringMatching(/^2506,,,"A lead needs at least one of/),
    ]);
    expect((await listImports(ctx)).items.map((i) => i.id)).toContain(started.id);
  });

  it("records each created lead's undo record and 'imported' timeline entry with the fields its row set", async () => {
    const rows = [HEADER, ['timeline1@acme.com', 'Ann', 'One', 'Acme', '5', '1'], ['timeline2@acme.com', 'Bob', '', '', '', ''], ['timeline3@acme.com', 'Cy', 'Three', 'Acme', '7', '']];
    const up = await upload(deps, workspaceId, 'timeline.csv', csv(rows));
    const started = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: MAPPING });
    await drain(ctx);
    const [imp] = await queryRows<{ source_id: number }>(ctx.db, sql`select source_id from imports where id = ${started.id}::uuid`);
    const entries = await queryRows<{ email: string; type: string; data: { fields: string[] }; actor_type: string; actor_user_id: string | null; source_id: number; action: string; row_number: number; at_ok: boolean }>(
      ctx.db,
      sql`select l.email, a.type, a.data, a.actor_type, a.actor_user_id, a.source_id, c.action, c.row_number, a.created_at >= l.created_at as at_ok
            from leads l join lead_activities a on a.lead_id = l.id join import_changes c on c.lead_id = l.id and c.import_id = ${started.id}::uuid
           where l.workspace_id = ${workspaceId}::uuid and l.email like 'timeline%' order by l.email`,
    );
    const fieldsOf = (e: (typeof entries)[number]) => [...e.data.fields].sort();
    // The job's worker writes them (its actor); at the block's commit, after the rows were prepared.
    expect(entries.map((e) => [e.email, e.type, e.action, e.row_number, e.source_id, e.actor_type, e.at_ok])).toEqual([
      ['timeline1@acme.com', 'imported', 'created', 2, imp!.source_id, 'system', true],
      ['timeline2@acme.com', 'imported', 'created', 3, imp!.source_id, 'system', true],
      ['timeline3@acme.com', 'imported', 'created', 4, imp!.source_id, 'system', true],
    ]);
    // Each row's own fields: the second row set no company, employees or score.
    expect(fieldsOf(entries[0]!)).toEqual(expect.arrayContaining(['company', 'custom.lead_score', 'email', 'employee_count', 'first_name', 'last_name']));
    expect(fieldsOf(entries[1]!)).toEqual(expect.arrayContaining(['email', 'first_name']));
    expect(fieldsOf(entries[1]!)).not.toContain('company');
    expect(fieldsOf(entries[1]!)).not.toContain('custom.lead_score');
    expect(fieldsOf(entries[2]!)).toContain('employee_count');
    expect(fieldsOf(entries[2]!)).not.toContain('custom.lead_score');
  });

  it('refreshes the statistics of the match lookups when the table outgrew them, from a small sample of their columns', async () => {
    const reltuples = async () =>
      Number((await queryRows<{ n: number }>(ctx.db, sql`select reltuples::float8 as n from pg_class where oid = 'leads'::regclass`))[0]!.n);
    // A full ANALYZE: the planner's row count and the live-row counter agree (~2,500 leads from the test above).
    await ctx.db.execute(sql`analyze leads`);
    expect(await refreshLookupStatistics(ctx)).toBe(false);
    // The planner believes the table nearly empty, as after a few blocks of an import into a fresh workspace.
    await ctx.db.execute(sql`update pg_class set reltuples = 100 where oid = 'leads'::regclass`);
    expect(await refreshLookupStatistics(ctx)).toBe(true);
    expect(await reltuples()).toBeGreaterThanOrEqual(2_500);
    // Counted again: not stale any more.
    expect(await refreshLookupStatistics(ctx)).toBe(false);
  });

  it('update overwrites and merge fills only empty fields of matching leads', async () => {
    const lead = await createLead(ctx, { email: 'match@beta.io', first_name: 'Keep', title: null });
    const file = csv([['Email', 'First Name', 'Title'], ['match@beta.io', 'Changed', 'CEO']]);
    const mapping = [
      { index: 0, header: 'Email', field: 'email' },
      { index: 1, header: 'First Name', field: 'first_name' },
      { index: 2, header: 'Title', field: 'title' },
    ];
    const merge = await startImport(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'a.csv', file)).uploadId, mapping, options: { dedupe: 'merge' } });
    await drain(ctx);
    expect((await getImport(ctx, merge.id)).counts).toMatchObject({ updated: 1, created: 0 });
    expect(await getLead(ctx, lead.id)).toMatchObject({ first_name: 'Keep', title: 'CEO' });
    const update = await startImport(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'b.csv', file)).uploadId, mapping, options: { dedupe: 'update' } });
    await drain(ctx);
    expect((await getImport(ctx, update.id)).counts).toMatchObject({ updated: 1 });
    expect(await getLead(ctx, lead.id)).toMatchObject({ first_name: 'Changed', title: 'CEO' });
  });

  it('remembers the mapping for a file with the same columns', async () => {
    const file = csv([['Courriel', 'Boîte'], ['a@b.co', 'X']]);
    const first = await previewUpload(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'fr.csv', file)).uploadId });
    expect(first.remembered).toBe(false);
    expect(first.columns.map((c) => c.field)).toEqual(['email', 'custom.boite']);
    const mapping = [{ index: 0, header: 'Courriel', field: 'email' }, { index: 1, header: 'Boîte', field: 'company' }];
    await startImport(ctx, deps, { uploadId: first.upload.uploadId, mapping });
    await drain(ctx);
    const again = await previewUpload(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'fr2.csv', file)).uploadId });
    expect(again.remembered).toBe(true);
    expect(again.columns.map((c) => c.field)).toEqual(['email', 'company']);
    expect((await previewUpload(other, deps, { uploadId: (await upload(deps, (other.workspaceId)!, 'fr3.csv', file)).uploadId })).remembered).toBe(false);
  });

  it('refuses bad requests with clear validation errors', async () => {
    const up = await upload(deps, workspaceId, 'h.csv', 'Email\n');
    await expect(startImport(ctx, deps, { uploadId: up.uploadId, mapping: [{ index: 0, header: 'Email', field: 'email' }] })).rejects.toMatchObject({ code: 'VALIDATION', message: /no data rows/ });
    const ok = await upload(deps, workspaceId, 'x.csv', 'Email\na@b.co\n');
    await expect(startImport(ctx, deps, { uploadId: ok.uploadId, mapping: [{ index: 3, header: 'X', field: 'email' }] })).rejects.toMatchObject({ code: 'VALIDATION', message: /column 4/ });
    await expect(startImport(ctx, deps, { uploadId: ok.uploadId, mapping: [{ index: 0, header: 'E', field: 'nope' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it("another workspace cannot see an import or use an upload", async () => {
    const up = await upload(deps, workspaceId, 'mine.csv', 'Email\nme@x.co\n');
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: [{ index: 0, header: 'Email', field: 'email' }] });
    await drain(ctx);
    await expect(getImport(other, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(collect(importErrorsCsv(other, imp.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listImports(other)).items).toEqual([]);
    await expect(startImport(other, deps, { uploadId: up.uploadId, mapping: [{ index: 0, header: 'Email', field: 'email' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('undo removes created leads and restores overwritten fields, leaving leads edited since alone', async () => {
    const kept = await createLead(ctx, { email: 'undo-kept@gamma.io', first_name: 'Before', title: 'CTO' });
    const edited = await createLead(ctx, { email: 'undo-edited@gamma.io', first_name: 'Before' });
    const file = csv([['Email', 'First Name'], ['undo-kept@gamma.io', 'After'], ['undo-edited@gamma.io', 'After'], ['undo-new@gamma.io', 'New'], ['undo-new2@gamma.io', 'New2']]);
    const mapping = [{ index: 0, header: 'Email', field: 'email' }, { index: 1, header: 'First Name', field: 'first_name' }];
    const imp = await startImport(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'u.csv', file)).uploadId, mapping, options: { dedupe: 'update' } });
    await drain(ctx);
    expect((await getImport(ctx, imp.id)).counts).toMatchObject({ created: 2, updated: 2 });
    await expect(undoImport(other, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await updateLead(ctx, { id: edited.id, fields: { title: 'Edited later' } });
    const [touched] = await ctx.db.select({ id: leads.id }).from(leads).where(eq(leads.emailNormalized, 'undo-new2@gamma.io'));
    await updateLead(ctx, { id: touched!.id, fields: { title: 'Worked on' } });

    const report = await undoImport(ctx, imp.id);
    expect(report.removed).toBe(1);
    expect(report.restored).toBe(1);
    expect(report.keptChanged).toEqual(expect.arrayContaining([{ leadId: edited.id, action: 'updated' }, { leadId: touched!.id, action: 'created' }]));
    expect(await getLead(ctx, kept.id)).toMatchObject({ first_name: 'Before', title: 'CTO' });
    expect(await getLead(ctx, edited.id)).toMatchObject({ first_name: 'After', title: 'Edited later' });
    expect(await ctx.db.select().from(leads).where(eq(leads.emailNormalized, 'undo-new@gamma.io'))).toEqual([]);
    expect((await getImport(ctx, imp.id)).status).toBe('undone');
    await expect(undoImport(ctx, imp.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('hostile rows: ragged rows, a 10 MB cell, mixed encodings and formula-looking values import row by row', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const file = Buffer.concat([
      Buffer.from('Email,Nom,Notes\nragged@h.io\nextra@h.io,Extra,n,unexpected,cells\n'),
      Buffer.from(`big@h.io,Big,"${big}"\n`),
      Buffer.from('latin@h.io,'), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from(',ok\n'), // "Müller" in Windows-1252
      Buffer.from('formula@h.io,"=HYPERLINK(""http://x"")",+1\n'),
    ]);
    const mapping = [{ index: 0, header: 'Email', field: 'email' }, { index: 1, header: 'Nom', field: 'last_name' }, { index: 2, header: 'Notes', field: 'notes' }];
    const imp = await startImport(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'hostile.csv', file)).uploadId, mapping });
    await drain(ctx);
    expect((await getImport(ctx, imp.id)).counts).toMatchObject({ total: 5, created: 4, invalid: 1 });
    const byEmail = async (email: string) => (await ctx.db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.emailNormalized, email))))[0];
    expect(await byEmail('latin@h.io')).toMatchObject({ lastName: 'Müller' });
    expect(await byEmail('formula@h.io')).toMatchObject({ lastName: '=HYPERLINK("http://x")', notes: '+1' });
    expect(await byEmail('ragged@h.io')).toMatchObject({ lastName: null });
    const report = await collect(importErrorsCsv(ctx, imp.id));
    expect(report).toMatch(/^row,column,value,problem\n4,Notes,x{200},must be at most 20000 characters\n$/);
  });

  it('blocks run out of order (another worker, a restart) still import every row once', async () => {
    const rows: (string | number)[][] = [['Email', 'Last Name']];
    for (let i = 0; i < 3_500; i++) rows.push([`ooo${i}@delta.io`, `L${i}`]);
    const mapping = [{ index: 0, header: 'Email', field: 'email' }, { index: 1, header: 'Last Name', field: 'last_name' }];
    const imp = await startImport(ctx, deps, { uploadId: (await upload(deps, workspaceId, 'ooo.csv', csv(rows))).uploadId, mapping });
    for (const chunkNo of [3, 1, 0, 2, 1]) {
      const claimed = await claimChunk(ctx, { jobId: imp.jobId!, workspaceId, chunkNo }, 'test', 60_000);
      if (claimed) await runClaimedChunk(ctx, claimed, { workerId: 'test', heartbeatMs: 60_000 });
    }
    const done = await getImport(ctx, imp.id);
    expect(done).toMatchObject({ status: 'completed', counts: { total: 3_500, created: 3_500, duplicates: 0, invalid: 0 } });
    const found = await queryRows<{ n: number; distinct_last: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(distinct last_name)::int as distinct_last from leads where workspace_id = ${workspaceId}::uuid and email_normalized like 'ooo%'`,
    );
    expect(found.map((r) => [Number(r.n), Number(r.distinct_last)])).toEqual([[3_500, 3_500]]);
    const [row] = await ctx.db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.emailNormalized, 'ooo3499@delta.io')));
    expect(row?.lastName).toBe('L3499');
  });

  it('cuts a big file into bigger blocks (fewer commits), a small one into blocks of 1,000', async () => {
    const rows = [['Email'], ...Array.from({ length: 20_001 }, (_, i) => [`big${i}@blocks.io`])];
    const up = await upload(deps, workspaceId, 'big.csv', csv(rows));
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: [{ index: 0, header: 'Email', field: 'email' }] });
    const refs = await queryRows<{ ref: string }>(ctx.db, sql`select ref from job_items where job_id = ${imp.jobId}::uuid order by seq`);
    expect(refs.map((r) => r.ref)).toEqual([...Array.from({ length: 10 }, (_, i) => `rows:${i * 2000 + 1}-${(i + 1) * 2000}`), 'rows:20001-20001']);
  });
});
