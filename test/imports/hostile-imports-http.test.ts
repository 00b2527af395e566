import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/core/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace, type TestOwner } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

/**
 * The whole flow over HTTP for hostile files and every csv-spectrum case: each is imported
 * (job completed, every row counted) or refused with a clear message, and a refusal leaves
 * nothing behind — no file on disk, no import, no job.
 */
const BOUNDARY = '----lfhostiletest';
function multipart(fileName: string, content: Buffer | string) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

describe('hostile files and csv-spectrum, end to end', { timeout: 300_000 }, () => {
  let t: TestApp;
  let owner: TestOwner;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUserWithWorkspace(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (name: string, content: Buffer | string) => {
    const m = multipart(name, content);
    return t.app.inject({ method: 'POST', url: '/api/v1/imports/uploads', payload: m.payload, headers: { ...owner.headers, ...m.headers } });
  };
  const uploadsOnDisk = () => {
    const dir = join(t.config.dataDir, 'uploads', owner.workspaceId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const importsAndJobs = async () => {
    const [row] = await queryRows<{ imports: number; jobs: number }>(
      t.ctx().db,
      sql`select (select count(*) from imports where workspace_id = ${owner.workspaceId}::uuid)::int as imports,
                 (select count(*) from jobs where workspace_id = ${owner.workspaceId}::uuid)::int as jobs`,
    );
    return { imports: Number(row!.imports), jobs: Number(row!.jobs) };
  };

  it.each<[string, string | Buffer, RegExp]>([
    ['empty', '', /empty/],
    ['blank lines only', '\n\n\r\n', /no rows/],
    ['header only', 'email,first name\n', /header row but no data/],
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x13]), /not a text/],
    ['old xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls/],
    ['damaged xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]), /cannot be read/],
    ['10,000 columns', `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`, /at most 1000/],
    ['an unclosed quote', 'Email,Name\na@b.co,"Jane\nb@c.co,Bob\n', /quote/],
  ])('%s: refused with a clear message, nothing left behind', async (name, content, message) => {
    const before = await importsAndJobs();
    const res = await upload(`${name}.csv`, content);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
    expect(uploadsOnDisk()).toEqual([]);
    expect(await importsAndJobs()).toEqual(before);
  });

  const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
  const spectrum = readdirSync(join(root, 'csvs')).filter((f) => f.endsWith('.csv'));
  it.each(spectrum)('csv-spectrum %s: imported (every row counted) or refused', async (name) => {
    const res = await upload(name, readFileSync(join(root, 'csvs', name)));
    if (res.statusCode === 400) {
      expect(res.json().error.message).toMatch(/no data rows|empty|no rows/);
      expect(uploadsOnDisk().filter((f) => !f.endsWith('.json')).length).toBe((await importsAndJobs()).imports);
      return;
    }
    expect(res.statusCode).toBe(201);
    const preview = res.json();
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: owner.headers, payload: { uploadId: preview.upload.uploadId, mapping: preview.columns } });
    expect(start.statusCode).toBe(202);
    await drain(t.ctx(owner.workspaceId));
    const done = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${start.json().id}`, headers: owner.headers })).json();
    expect(done.status).toBe('completed');
    const c = done.counts;
    expect(c.total).toBe(preview.rows.length);
    expect(c.created + c.updated + c.skipped + c.invalid + c.duplicates).toBe(c.total);
  });
});
