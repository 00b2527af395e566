import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBalance, listCreditTransactions } from '../../src/domains/credits/index.js';
import { claimNextChunk, runClaimedChunk } from '../../src/domains/jobs/index.js';
import { leads } from '../../src/domains/leads/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';

let world: MailWorld;
let t: TestApp;
let owner: TestOwner;

beforeAll(async () => {
  world = await startMailWorld();
  t = await createTestApp({ config: { verify: world.verifyConfig() } });
  owner = await createUserWithWorkspace(t);
});
afterAll(async () => {
  await t?.close();
  await world?.close();
});

async function drain() {
  for (let claimed = await claimNextChunk(t.ctx(), 'verify-test'); claimed; claimed = await claimNextChunk(t.ctx(), 'verify-test')) {
    await runClaimedChunk(t.ctx(), claimed, { workerId: 'verify-test', heartbeatMs: 60_000 });
  }
}

const BOUNDARY = '----lfverifytest';
function multipart(fileName: string, content: Buffer | string) {
  const payload = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const get = (url: string, headers = owner.headers) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers = owner.headers) => t.app.inject({ method: 'POST', url, headers, payload });

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('People');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('bulk verification sources', () => {
  it('one-step XLSX upload: detects the email column, summary counts, ledger charges definite answers and refunds unknown ones', async () => {
    const before = (await getBalance(t.ctx(owner.workspaceId))).balanceMilli;
    const file = await xlsx([
      ['Name', 'Company', 'Work Email'],
      ['Alice', 'Valid', 'alice@valid.test'],
      ['Dora', 'Valid', 'dora@valid.test'],
      ['Tina', 'Valid', 'tina@valid.test'],
      ['Busy', 'Busy', 'bob@busy.test'],
      ['Formula', 'Evil', '=HYPERLINK("http://x")'],
      ['Empty', 'None', ''],
    ]);
    const m = multipart('people.xlsx', file);
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk/upload?skipSmtp=false', payload: m.payload, headers: { ...owner.headers, ...m.headers } });
    expect(start.statusCode).toBe(202);
    const job = start.json() as { id: string; total: number; label: string };
    expect(job).toMatchObject({ total: 5, label: 'Verify emails (people.xlsx)' });
    await drain();

    const summary = (await get(`/api/v1/verify/bulk/${job.id}`)).json();
    expect(summary).toMatchObject({
      job: { id: job.id, status: 'completed' },
      counts: { byStatus: { valid: 1, invalid: 2, risky: 0, unknown: 2 }, byReason: { accepted: 1, mailbox_disabled: 1, invalid_syntax: 1, smtp_tempfail: 2 } },
      options: { source: 'people.xlsx', skipSmtp: false, writeToLeads: false },
      charged: { milli: 1500, credits: 1.5 },
    });

    // The ledger: one charge per address (0.5 credit), one refund per unknown answer, the reservation released.
    const ledger = (await listCreditTransactions(t.ctx(owner.workspaceId), { feature: 'email_verify', limit: 50 })).items;
    const itemIds = new Set(
      (await get(`/api/v1/jobs/${job.id}/items?limit=100`)).json().items.map((i: { id: number | string }) => String(i.id)),
    );
    const ofJob = ledger.filter((l) => l.reference?.type === 'job_item' && itemIds.has(l.reference.id));
    expect(ofJob.filter((l) => l.kind === 'charge').map((l) => l.amountMilli)).toEqual([-500, -500, -500, -500, -500]);
    expect(ofJob.filter((l) => l.kind === 'refund').map((l) => l.amountMilli)).toEqual([500, 500]);
    expect((await getBalance(t.ctx(owner.workspaceId))).balanceMilli).toBe(before - 1500);
    expect((await getBalance(t.ctx(owner.workspaceId))).reservedMilli).toBe(0);

    // Export: XLSX, the formula-like input defused.
    const x = await t.app.inject({ method: 'GET', url: `/api/v1/verify/bulk/${job.id}/export?format=xlsx`, headers: owner.headers });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(`verify-${job.id}.xlsx`);
    const rows = await readXlsx(x.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['input', 'email', 'status', 'reason']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['alice@valid.test', 'dora@valid.test', 'tina@valid.test', 'bob@busy.test', `'=HYPERLINK("http://x")`]);
    const csv = await get(`/api/v1/verify/bulk/${job.id}/export?status=invalid`);
    expect(csv.body.trim().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual(['dora@valid.test', `"'=HYPERLINK(""http://x"")"`]);
  });

  it('two-step: a file uploaded to /imports/uploads, header-less, column found by its values; results filter by comma lists and address', async () => {
    const m = multipart('raw.csv', 'Alice;alice@valid.test;x\nNobody;nobody@valid.test;y\nAny;any@catchall.test;z\n');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', payload: m.payload, headers: { ...owner.headers, ...m.headers } });
    expect(up.statusCode).toBe(201);
    const uploadId = up.json().upload.uploadId as string;
    const start = await post('/api/v1/verify/bulk', { uploadId });
    expect(start.statusCode).toBe(202);
    const jobId = start.json().id as string;
    expect(start.json().total).toBe(3);
    await drain();
    const page = (await get(`/api/v1/verify/bulk/${jobId}/results?status=valid,risky`)).json();
    expect(page.items.map((r: { input: string; result: { reason: string } }) => [r.input, r.result.reason])).toEqual([
      ['alice@valid.test', 'accepted'],
      ['any@catchall.test', 'catch_all'],
    ]);
    const byAddress = (await get(`/api/v1/verify/bulk/${jobId}/results?q=NOBODY`)).json();
    expect(byAddress.items.map((r: { input: string; leadId: null }) => [r.input, r.leadId])).toEqual([['nobody@valid.test', null]]);
    expect((await get(`/api/v1/verify/bulk/${jobId}/results?status=valid,bogus`)).statusCode).toBe(400);
    // A named column that is not there is a 400; another workspace's upload is a 404.
    expect((await post('/api/v1/verify/bulk', { uploadId, column: 'Email' })).statusCode).toBe(400);
    const stranger = await createUserWithWorkspace(t);
    expect((await post('/api/v1/verify/bulk', { uploadId }, stranger.headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/verify/bulk/${jobId}`, stranger.headers)).statusCode).toBe(404);
  });

  it('a leads filter writes statuses back to the leads with provenance and a "verified" activity; unknown keeps a definite status', async () => {
    const tag = `verify-${Date.now()}`;
    const ids: Record<string, string> = {};
    for (const email of ['carol@valid.test', 'nobody3@valid.test', 'eve@busy.test']) {
      const res = await post('/api/v1/leads', { email, tags: [tag] });
      expect(res.statusCode).toBe(201);
      ids[email] = res.json().id;
    }
    await post('/api/v1/leads', { first_name: 'No', last_name: 'Mail', tags: [tag] });
    // eve@busy.test was valid before (e.g. from an earlier run): a 421 today must not erase it.
    await t.ctx(owner.workspaceId).db.update(leads).set({ emailStatus: 'valid', emailStatusReason: 'accepted' }).where(eq(leads.id, ids['eve@busy.test']!));

    expect((await post('/api/v1/verify/bulk', { filter: { tag, sort: 'created_at' } })).statusCode).toBe(400);
    const start = await post('/api/v1/verify/bulk', { filter: { tag } });
    expect(start.statusCode).toBe(202);
    expect(start.json()).toMatchObject({ total: 3, label: 'Verify emails (filtered leads)' });
    await drain();

    const rows = await t
      .ctx(owner.workspaceId)
      .db.select({ id: leads.id, status: leads.emailStatus, reason: leads.emailStatusReason, at: leads.emailVerifiedAt })
      .from(leads)
      .where(and(eq(leads.workspaceId, owner.workspaceId)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids['carol@valid.test']!)).toMatchObject({ status: 'valid', reason: 'accepted' });
    expect(byId.get(ids['carol@valid.test']!)!.at).toBeInstanceOf(Date);
    expect(byId.get(ids['nobody3@valid.test']!)).toMatchObject({ status: 'invalid', reason: 'mailbox_not_found' });
    expect(byId.get(ids['eve@busy.test']!)).toMatchObject({ status: 'valid', reason: 'accepted', at: null });

    const detail = (await get(`/api/v1/leads/${ids['carol@valid.test']}`)).json();
    expect(detail.provenance.email_status).toMatchObject({ source: { kind: 'verifier', ref: start.json().id } });
    const activity = (await get(`/api/v1/leads/${ids['nobody3@valid.test']}/activity`)).json();
    expect(activity.items[0]).toMatchObject({ type: 'verified', data: { email: 'nobody3@valid.test', status: 'invalid', reason: 'mailbox_not_found', jobId: start.json().id } });
    const results = (await get(`/api/v1/verify/bulk/${start.json().id}/results`)).json();
    expect(results.items.map((r: { leadId: string }) => r.leadId).sort()).toEqual(Object.values(ids).sort());
  });

  it('single verification updates the leads with that address; pasted addresses only with writeToLeads', async () => {
    const lead = (await post('/api/v1/leads', { email: 'bob@valid.test' })).json() as { id: string };
    const status = async () =>
      (await t.ctx(owner.workspaceId).db.select({ s: leads.emailStatus, r: leads.emailStatusReason }).from(leads).where(eq(leads.id, lead.id)))[0];
    const pasted = await post('/api/v1/verify/bulk', { text: 'bob@valid.test\n', skipSmtp: true });
    await drain();
    expect(pasted.statusCode).toBe(202);
    expect(await status()).toEqual({ s: null, r: null });
    await post('/api/v1/verify/bulk', { emails: ['nobody@valid.test', 'bob@valid.test'], writeToLeads: true });
    await drain();
    expect(await status()).toEqual({ s: 'valid', r: 'accepted' });
    const single = await post('/api/v1/verify', { email: 'BOB@valid.test', skipSmtp: true });
    expect(single.statusCode).toBe(200);
    // A cached full result answers the skip-SMTP request; still valid.
    expect(await status()).toEqual({ s: 'valid', r: 'accepted' });
  });

  it('viewers read but cannot start; bad sources are 400', async () => {
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    expect((await post('/api/v1/verify/bulk', { emails: ['a@valid.test'] }, viewer.headers)).statusCode).toBe(403);
    for (const payload of [{ emails: ['a@x.test'], listId: '00000000-0000-4000-8000-000000000000' }, { filter: { nope: 'x' } }, { text: '\n\n' }, { uploadId: 'x' }]) {
      expect((await post('/api/v1/verify/bulk', payload)).statusCode).toBe(400);
    }
    const m = multipart('empty.csv', 'name,company\nA,B\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk/upload', payload: m.payload, headers: { ...owner.headers, ...m.headers } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/no email column/);
  });
});
