import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adjustCredits, getBalance } from '../../src/domains/credits/index.js';
import { leads } from '../../src/domains/leads/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';
import { csv } from './support.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const BOUNDARY = '----lfimportoptions';
function multipart(fileName: string, content: string) {
  const payload = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const MAPPING = [
  { index: 0, header: 'Email', field: 'email' },
  { index: 1, header: 'First Name', field: 'first_name' },
  { index: 2, header: 'Title', field: 'title' },
  { index: 3, header: 'City', field: 'city' },
];

describe('import options: duplicates inside the file, verify emails after import', { timeout: 180_000 }, () => {
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

  const ctx = () => t.ctx(owner.workspaceId);
  const get = (url: string, who = owner) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const post = (url: string, payload: object, who = owner) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });

  async function runImport(rows: (string | number)[][], options: Record<string, unknown>, who = owner) {
    const m = multipart('file.csv', csv(rows));
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', payload: m.payload, headers: { ...who.headers, ...m.headers } });
    expect(up.statusCode).toBe(201);
    const started = await post('/imports', { uploadId: up.json().upload.uploadId, mapping: MAPPING, options }, who);
    expect(started.statusCode).toBe(202);
    await drain(t.ctx(who.workspaceId));
    const done = await get(`/imports/${started.json().id}`, who);
    expect(done.statusCode).toBe(200);
    return done.json();
  }

  const lead = async (email: string, workspaceId = owner.workspaceId) =>
    (await ctx().db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.emailNormalized, email))))[0];

  /** 1,600 rows: two blocks of the job. Rows repeating an earlier one sit in the same block and in the next one. */
  function fileWithDuplicates(prefix: string) {
    const rows: (string | number)[][] = [['Email', 'First Name', 'Title', 'City']];
    rows.push([`${prefix}-a@dup.test`, 'Ann', '', 'Paris']);
    rows.push([`${prefix}-b@dup.test`, 'Bob', 'CTO', '']);
    rows.push([`${prefix}-a@dup.test`, 'Anna', 'CEO', '']); // same block
    for (let i = 0; i < 1_500; i++) rows.push([`${prefix}-filler${i}@dup.test`, `F${i}`, '', '']);
    rows.push([`${prefix}-b@dup.test`, 'Robert', 'VP', 'Lyon']); // next block
    return rows;
  }

  it('duplicatesInFile first (default): the first row wins, later rows are counted and left out', async () => {
    const done = await runImport(fileWithDuplicates('first'), {});
    expect(done.options).toMatchObject({ duplicatesInFile: 'first', verifyEmails: false });
    expect(done.counts).toMatchObject({ total: 1_504, created: 1_502, duplicates: 2 });
    expect(await lead('first-a@dup.test')).toMatchObject({ firstName: 'Ann', title: null, city: 'Paris' });
    expect(await lead('first-b@dup.test')).toMatchObject({ firstName: 'Bob', title: 'CTO', city: null });
    expect(done.verify).toBeNull();
  });

  it('duplicatesInFile merge: later rows fill what the earlier left empty, in the same block and across blocks', async () => {
    const done = await runImport(fileWithDuplicates('merge'), { duplicatesInFile: 'merge' });
    expect(done.counts).toMatchObject({ total: 1_504, created: 1_502, updated: 0, duplicates: 2 });
    expect(await lead('merge-a@dup.test')).toMatchObject({ firstName: 'Ann', title: 'CEO', city: 'Paris' });
    expect(await lead('merge-b@dup.test')).toMatchObject({ firstName: 'Bob', title: 'CTO', city: 'Lyon' });
  });

  it('duplicatesInFile last: later values win; undo still removes the leads it created, and restores a lead it changed twice', async () => {
    const existing = await post('/leads', { email: 'last-b@dup.test', first_name: 'Before', title: 'Intern' });
    expect(existing.statusCode).toBe(201);
    const done = await runImport(fileWithDuplicates('last'), { duplicatesInFile: 'last', dedupe: 'update' });
    expect(done.counts).toMatchObject({ total: 1_504, created: 1_501, updated: 1, duplicates: 2 });
    expect(await lead('last-a@dup.test')).toMatchObject({ firstName: 'Anna', title: 'CEO', city: 'Paris' });
    expect(await lead('last-b@dup.test')).toMatchObject({ firstName: 'Robert', title: 'VP', city: 'Lyon' });

    const undo = await post(`/imports/${done.id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ removed: 1_501, restored: 1, keptChanged: [] });
    expect(await lead('last-a@dup.test')).toBeUndefined();
    expect(await lead('last-b@dup.test')).toMatchObject({ firstName: 'Before', title: 'Intern', city: null });
  });

  it('duplicatesInFile with dedupe merge never overwrites what a lead held before the import', async () => {
    await post('/leads', { email: 'keep-b@dup.test', first_name: 'Kept' });
    const done = await runImport(fileWithDuplicates('keep'), { duplicatesInFile: 'last', dedupe: 'merge' });
    expect(done.counts).toMatchObject({ updated: 1, duplicates: 2 });
    expect(await lead('keep-b@dup.test')).toMatchObject({ firstName: 'Kept', title: 'CTO', city: 'Lyon' });
  });

  it('refuses an unknown duplicatesInFile mode with a 400', async () => {
    const m = multipart('x.csv', 'Email\nx@dup.test\n');
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', payload: m.payload, headers: { ...owner.headers, ...m.headers } });
    const res = await post('/imports', { uploadId: up.json().upload.uploadId, mapping: [MAPPING[0]], options: { duplicatesInFile: 'both' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('verifyEmails: a verify job over the imported leads starts when the import ends, writes statuses to the leads, and shows in the summary', async () => {
    const smtpBefore = world.hosts['mx.valid.test']!.stats.connections;
    const rows = [
      ['Email', 'First Name', 'Title', 'City'],
      ['alice@valid.test', 'Alice', '', ''],
      ['bob@nomail.test', 'Bob', '', ''],
      ['no-at-sign', 'Carol', '', ''], // kept on the lead, flagged: no address to verify
      ['', 'Dan', '', ''], // no email: not verified
      ['alice@valid.test', 'Dup', '', ''],
    ];
    const done = await runImport(rows, { verifyEmails: true, verifySkipSmtp: true });
    expect(done.counts).toMatchObject({ created: 4, duplicates: 1 });
    expect(done.verify).toMatchObject({ status: 'completed', total: 2, processed: 2, error: null });
    expect(done.verify.counts.valid + done.verify.counts.invalid + done.verify.counts.risky + done.verify.counts.unknown).toBe(2);
    expect(done.verify.counts.invalid).toBe(1); // no mail server
    expect(world.hosts['mx.valid.test']!.stats.connections).toBe(smtpBefore); // skip SMTP
    expect(await lead('bob@nomail.test')).toMatchObject({ emailStatus: 'invalid', emailStatusReason: 'no_mail_server' });
    expect((await lead('alice@valid.test'))?.emailStatus).not.toBeNull();
    const job = await get(`/jobs/${done.verify.jobId}`);
    expect(job.json()).toMatchObject({ kind: 'verify.bulk', status: 'completed', total: 2 });
    const history = (await get('/imports')).json().items.find((i: { id: string }) => i.id === done.id);
    expect(history.verify).toMatchObject({ jobId: done.verify.jobId });

    // Undo: the import's own verification is not "changed since"; an edit by someone is.
    const alice = (await lead('alice@valid.test'))!;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/leads/${alice.id}`, headers: owner.headers, payload: { title: 'Edited' } })).statusCode).toBe(200);
    const undo = await post(`/imports/${done.id}/undo`, {});
    expect(undo.json()).toMatchObject({ removed: 3, restored: 0, keptChanged: [{ leadId: alice.id, action: 'created' }] });
    expect(await lead('bob@nomail.test')).toBeUndefined();
  });

  it('verifyEmails with SMTP probes the mail servers of the mail world', async () => {
    const done = await runImport([['Email', 'First Name', 'Title', 'City'], ['zed@valid.test', 'Zed', '', '']], { verifyEmails: true });
    expect(done.verify).toMatchObject({ status: 'completed', total: 1 });
    const row = await lead('zed@valid.test');
    expect(row?.emailStatus).toMatch(/^(valid|invalid|risky|unknown)$/);
    expect(row?.emailStatusReason).not.toBe('smtp_skipped');
  });

  it('verifyEmails without the credits: the import completes and says why the emails were not verified', async () => {
    const broke = await createUserWithWorkspace(t);
    const c = t.ctx(broke.workspaceId);
    await adjustCredits(c, { amountMilli: -(await getBalance(c)).availableMilli, reason: 'empty for test' });
    const done = await runImport([['Email', 'First Name', 'Title', 'City'], ['poor@valid.test', 'Poor', '', '']], { verifyEmails: true, verifySkipSmtp: true }, broke);
    expect(done.status).toBe('completed');
    expect(done.counts.created).toBe(1);
    expect(done.verify).toMatchObject({ jobId: null, error: expect.stringMatching(/credit/i) });
    expect((await lead('poor@valid.test', broke.workspaceId))?.emailStatus).toBeNull();
  });
});
