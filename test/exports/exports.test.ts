import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { leadBatches } from '../../src/domains/exports/index.js';
import { createCustomField, createLead, listLeadActivity } from '../../src/domains/leads/index.js';
import { createList } from '../../src/domains/lists/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';
import { userCtx } from '../leads/support.js';

describe('lead exports', () => {
  let t: TestApp;
  let dataDir: string;
  let owner: TestOwner;
  let member: TestUser;
  let ctx: Ctx;
  let listId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lf-exports-'));
    // One instant for every lead: keyset pages must still order and split them by id.
    t = await createTestApp({ config: { dataDir }, clock: new ManualClock('2026-05-01T10:00:00Z') });
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    ctx = userCtx(t, owner.workspaceId, owner.id);
    await createCustomField(ctx, { key: 'persona', label: 'Persona', type: 'text' });
    const list = await createList(ctx, { name: 'Q3 Targets' });
    listId = list.id;
    ids.push((await createLead(ctx, { email: 'ada@acme.com', full_name: 'Ada Lovelace', company: '=HYPERLINK("http://evil")', tags: ['a', 'b'], annual_revenue: 1500.5, custom: { persona: '@builder' }, list_ids: [listId] })).id);
    ids.push((await createLead(ctx, { email: 'bob@acme.com', full_name: 'Bob Ross', title: '-2+3', phone: '+1 415 555 2671', notes: 'line one\nline "two", with comma', list_ids: [listId] })).id);
    ids.push((await createLead(ctx, { email: 'cy@zeta.io', first_name: 'Cy', title: '+1 (formula)' })).id);
    // Another workspace's lead is never exported.
    const other = await createUserWithWorkspace(t);
    await createLead(userCtx(t, other.workspaceId, other.id), { email: 'foreign@other.io', list_ids: [] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: unknown, headers = member.headers) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
  const get = (url: string, headers = member.headers) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  async function runExport(payload: object) {
    const started = await post('/exports', payload);
    expect(started.statusCode, started.body).toBe(202);
    await drain(t.ctx(owner.workspaceId));
    const done = await get(`/exports/${started.json().id}`);
    expect(done.json()).toMatchObject({ status: 'completed' });
    const file = await get(`/exports/${started.json().id}/download`);
    expect(file.statusCode, file.body).toBe(200);
    return { exp: done.json(), file };
  }

  it('exports a list to CSV as a job, in the chosen columns and order, with formulas neutralized', async () => {
    const { exp, file } = await runExport({ listId, format: 'csv', columns: ['email', 'custom.persona', 'company', 'title', 'tags', 'annual_revenue', 'notes', 'phone'] });
    expect(exp).toMatchObject({ rowCount: 2, format: 'csv', scope: { kind: 'list', listId }, fileName: expect.stringMatching(/^q3-targets-\d{8}-\d{4}\.csv$/) });
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toContain('q3-targets-');
    expect(file.body.startsWith('\ufeff')).toBe(true);
    const rows = parse(file.body.slice(1), { columns: true }) as Record<string, string>[];
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(Object.keys(rows[0]!)).toEqual(['email', 'custom.persona', 'company', 'title', 'tags', 'annual_revenue', 'notes', 'phone']);
    expect(byEmail.get('ada@acme.com')).toMatchObject({ 'custom.persona': "'@builder", company: `'=HYPERLINK("http://evil")`, tags: 'a, b', annual_revenue: '1500.5' });
    expect(byEmail.get('bob@acme.com')).toMatchObject({ title: "'-2+3", notes: 'line one\nline "two", with comma', phone: "'+14155552671" });
    // Small exports leave an entry on each lead's timeline; the audit log names the export.
    const timeline = await listLeadActivity(ctx, { leadId: ids[0]! });
    expect(timeline.items[0]).toMatchObject({ type: 'exported', data: { exportId: exp.id, format: 'csv' } });
    const audit = await get('/workspace/audit?action=leads.exported', owner.headers);
    expect(audit.json().items.map((e: { targetId: string }) => e.targetId)).toContain(exp.id);
  });

  it('exports every lead to XLSX and a selection to JSON in the selection order', async () => {
    const { file } = await runExport({ format: 'xlsx', columns: ['email', 'title', 'employee_count'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([file.rawPayload]));
    const sheet = workbook.getWorksheet('Leads')!;
    const values = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(['email', 'title', 'employee_count']);
    expect(values.slice(1).map((r) => r[0]).sort()).toEqual(['ada@acme.com', 'bob@acme.com', 'cy@zeta.io']);
    expect(values.find((r) => r[0] === 'cy@zeta.io')![1]).toBe("'+1 (formula)");

    const { file: json } = await runExport({ format: 'json', leadIds: [ids[2], ids[0]], columns: ['id', 'email', 'annual_revenue', 'tags', 'custom.persona'] });
    // JSON keeps values as they are (numbers, arrays, no apostrophes): it is not opened by spreadsheets.
    expect(JSON.parse(json.body)).toEqual([
      { id: ids[2], email: 'cy@zeta.io', annual_revenue: null, tags: [], 'custom.persona': null },
      { id: ids[0], email: 'ada@acme.com', annual_revenue: 1500.5, tags: ['a', 'b'], 'custom.persona': '@builder' },
    ]);

    // CSV lines are built around the page query: they keep its order (the selection's; id order for one instant).
    const { file: picked } = await runExport({ format: 'csv', leadIds: [ids[2], ids[0], ids[1]], columns: ['email'] });
    expect(picked.body.replace(/^\ufeff/, '').split('\r\n')).toEqual(['email', 'cy@zeta.io', 'ada@acme.com', 'bob@acme.com', '']);
    const { file: everyone } = await runExport({ format: 'csv', columns: ['id'] });
    expect(everyone.body.replace(/^\ufeff/, '').split('\r\n')).toEqual(['id', ...[...ids].sort(), '']);
  });

  it('streams small exports directly and refuses bad requests with 4xx', async () => {
    const r = await post('/exports/stream', { listId, columns: ['email'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['x-export-id']).toBeTruthy();
    expect(r.body.replace('\ufeff', '').trim().split('\r\n').sort()).toEqual(['ada@acme.com', 'bob@acme.com', 'email']);
    expect((await post('/exports', { columns: ['email', 'favourite_colour'] })).json().error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('favourite_colour') });
    expect((await post('/exports', { columns: ['custom.nope'] })).statusCode).toBe(400);
    expect((await post('/exports', { columns: ['email', 'email'] })).statusCode).toBe(400);
    expect((await post('/exports', { listId, leadIds: [ids[0]] })).statusCode).toBe(400);
    expect((await post('/exports', { format: 'pdf' })).statusCode).toBe(400);
    expect((await post('/exports', { listId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await post('/exports/stream', { filter: { stage: 'new' } })).statusCode).toBe(400);
    expect((await post('/exports', { filter: { field: 'favourite_colour', op: 'eq', value: 'x' } })).json().error.message).toContain('favourite_colour');
    expect((await post('/exports', { query: { deleted: 'true' } })).statusCode).toBe(400);
    expect((await post('/exports', { query: { list_id: '00000000-0000-4000-8000-000000000000' } })).statusCode).toBe(404);
  });

  it('exports everything matching a filter tree or a search query', async () => {
    const { exp, file } = await runExport({ filter: { field: 'company', op: 'contains', value: 'HYPERLINK' }, columns: ['email'] });
    expect(exp).toMatchObject({ rowCount: 1, scope: { kind: 'filter' } });
    expect(file.body.replace('\ufeff', '').trim().split('\r\n')).toEqual(['email', 'ada@acme.com']);
    const byQuery = await runExport({ query: { list_id: listId, filter: { field: 'email', op: 'starts_with', value: 'bob' } }, format: 'json', columns: ['email'] });
    expect(JSON.parse(byQuery.file.body)).toEqual([{ email: 'bob@acme.com' }]);
    const streamed = await post('/exports/stream', { query: { q: 'zeta' }, columns: ['email'] });
    expect(streamed.body.replace('\ufeff', '').trim().split('\r\n')).toEqual(['email', 'cy@zeta.io']);
  });

  it("shows members only their own exports; admins see all", async () => {
    const mine = await post('/exports', { columns: ['email'] }, owner.headers);
    expect((await get(`/exports/${mine.json().id}`)).statusCode).toBe(404);
    expect((await get(`/exports/${mine.json().id}/download`)).statusCode).toBe(404);
    expect((await get('/exports')).json().items.every((e: { createdBy: { userId: string } }) => e.createdBy.userId === member.id)).toBe(true);
    expect((await get('/exports', owner.headers)).json().items.length).toBeGreaterThan(1);
  });

  it('reads keyset batches without losing or repeating rows when timestamps tie', async () => {
    for (let i = 0; i < 7; i++) await createLead(ctx, { email: `tie${i}@batch.io` });
    const seen: string[] = [];
    for await (const batch of leadBatches(ctx, {}, ['email'], { batchRows: 2 })) seen.push(...batch.ids);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });
});
