import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const BOUNDARY = '----lfimporttest';
function multipart(fileName: string, content: Buffer | string) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('imports over HTTP', () => {
  let t: TestApp;
  let owner: TestOwner;
  let stranger: TestOwner;
  const previous = process.env.LEADFORGE_IMPORT_MAX_BYTES;

  beforeAll(async () => {
    process.env.LEADFORGE_IMPORT_MAX_BYTES = String(64 * 1024);
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
    stranger = await createUserWithWorkspace(t);
  });
  afterAll(async () => {
    process.env.LEADFORGE_IMPORT_MAX_BYTES = previous;
    await t?.close();
  });

  const upload = (who: { headers: Record<string, string> }, name: string, content: Buffer | string) => {
    const m = multipart(name, content);
    return t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', payload: m.payload, headers: { ...who.headers, ...m.headers } });
  };

  it('upload → preview → import → progress → error report → undo', async () => {
    const file = 'Email;Prénom;Société;Employees\njane@acme.com;Jane;Acme;10\nbob@beta.io;Bob;Beta;many\n';
    const up = await upload(owner, 'contacts.csv', file);
    expect(up.statusCode).toBe(201);
    const preview = up.json();
    expect(preview).toMatchObject({ hasHeader: true, headers: ['Email', 'Prénom', 'Société', 'Employees'], info: { format: 'csv', delimiter: ';' }, remembered: false });
    expect(preview.columns.map((c: { field: string }) => c.field)).toEqual(['email', 'first_name', 'company', 'employee_count']);

    const start = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: owner.headers,
      payload: { uploadId: preview.upload.uploadId, mapping: preview.columns, newListName: 'From HTTP', options: { tags: ['http'] } },
    });
    expect(start.statusCode).toBe(202);
    const id = start.json().id as string;
    await drain(t.ctx(owner.workspaceId));
    const done = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: owner.headers });
    expect(done.json()).toMatchObject({ status: 'completed', fileName: 'contacts.csv', counts: { total: 2, created: 1, invalid: 1 }, progress: { percent: 100 } });

    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors.csv`, headers: owner.headers });
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body).toBe('row,column,value,problem\n3,Employees,many,not a number\n');

    const history = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: owner.headers });
    expect(history.json().items.map((i: { id: string }) => i.id)).toEqual([id]);

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors.csv`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/undo`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/uploads/${preview.upload.uploadId}/preview`, headers: stranger.headers })).statusCode).toBe(404);

    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/undo`, headers: owner.headers });
    expect(undo.json()).toEqual({ removed: 1, restored: 0, keptChanged: [] });
    const leads = await t.app.inject({ method: 'GET', url: '/api/v1/leads', headers: owner.headers });
    expect(leads.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/undo`, headers: owner.headers })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: owner.headers })).json().status).toBe('undone');
  });

  it.each<[string, string | Buffer, number, RegExp]>([
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 400, /not a text/],
    ['empty', '', 400, /empty/],
    ['too large', `email\n${'a@b.co\n'.repeat(20_000)}`, 413, /larger than/],
  ])('a %s file is refused with a clear message', async (_what, content, status, message) => {
    const res = await upload(owner, 'bad.csv', content);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toMatch(message);
  });

  it('viewers cannot import', async () => {
    const viewer = await addMember(t, owner.workspaceId, 'viewer');
    const up = await upload(owner, 'v.csv', 'email\nv@x.co\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: viewer.headers, payload: { uploadId: up.json().upload.uploadId, mapping: [{ index: 0, header: 'email', field: 'email' }] } });
    expect(res.statusCode).toBe(403);
  });
});
