import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { withTransaction } from '../../src/core/transaction.js';
import { copyRows } from '../../src/adapters/db/copy-rows.js';
import { importOptionsSchema, startImport, type CopyRows } from '../../src/domains/imports/index.js';
import { prepareImportRows } from '../../src/domains/imports/prepare-import-rows.js';
import { writeImportChunk } from '../../src/domains/imports/write-import-chunk.js';
import { leads } from '../../src/domains/leads/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from '../leads/support.js';
import { importDeps, upload } from './support.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const mapping = [{ index: 0, header: 'Email', field: 'email' }, { index: 1, header: 'First Name', field: 'first_name' }];

describe('writeImportChunk (bulk write path)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let ctx: Ctx;
  const deps = importDeps();

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    ctx = userCtx(t, owner.workspaceId, owner.id);
  });
  afterAll(async () => {
    await t?.close();
    deps.cleanup();
  });

  async function arrange(matchOn: ('email' | 'linkedin')[], dedupe: 'skip' | 'update' = 'skip') {
    const up = await upload(deps, ctx.workspaceId!, 'w.csv', 'Email,First Name\nx@y.io,X\n');
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping, options: { matchOn } });
    const options = importOptionsSchema.parse({ matchOn, dedupe });
    const records = [
      { rowNumber: 2, cells: ['taken@race.io', 'Raced'] },
      { rowNumber: 3, cells: ['free@race.io', 'Free'] },
      { rowNumber: 4, cells: ['FREE@race.io', 'Again'] },
      { rowNumber: 5, cells: ['old@race.io', 'New'] },
    ];
    const { rows, errors } = prepareImportRows(records, { mapping, options, workspaceId: ctx.workspaceId!, sourceId: 1, now: new Date(), customFields: [] });
    return { ref: { id: imp.id, sourceId: 1, listId: null, options, customFields: [] }, rows, errors };
  }

  const emails = async () =>
    (await queryRows<{ email: string; first_name: string }>(ctx.db, sql`select email, first_name from leads where workspace_id = ${ctx.workspaceId}::uuid and email like '%@race.io' order by email, first_name`)).map((r) => `${r.email}:${r.first_name}`);

  it('an address taken by another writer between the match and the COPY: the block falls back to the staging insert and skips it', async () => {
    await ctx.db.insert(leads).values({ workspaceId: ctx.workspaceId!, email: 'old@race.io', emailNormalized: 'old@race.io', firstName: 'Old' });
    const { ref, rows, errors } = await arrange(['email'], 'update');
    // The "other writer" gets in after the block's match (while its updates are written), before the COPY of new leads.
    const racing: CopyRows = async (db, table, columns, values) => {
      if (table === 'import_updated_leads') await db.insert(leads).values({ workspaceId: ctx.workspaceId!, email: 'taken@race.io', emailNormalized: 'taken@race.io', firstName: 'Other' });
      await copyRows(db, table, columns, values);
    };
    const counts = await withTransaction(ctx, (tx) => writeImportChunk(tx, racing, ref, rows, errors));
    expect(counts).toEqual({ created: 1, updated: 1, skipped: 1, invalid: 0, duplicates: 1 });
    expect(await emails()).toEqual(['free@race.io:Free', 'old@race.io:New', 'taken@race.io:Other']);
    const [changes] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from import_changes where import_id = ${ref.id}::uuid`);
    expect(Number(changes!.n)).toBe(2);
  });

  it('emails not a match key: the same address twice in a block is written once (staging insert), the other row counted skipped', async () => {
    await ctx.db.execute(sql`delete from leads where workspace_id = ${ctx.workspaceId}::uuid and email like '%@race.io'`);
    const { ref, rows, errors } = await arrange(['linkedin']);
    const counts = await withTransaction(ctx, (tx) => writeImportChunk(tx, copyRows, ref, rows, errors));
    expect(counts).toEqual({ created: 3, updated: 0, skipped: 1, invalid: 0, duplicates: 0 });
    expect(await emails()).toEqual(['free@race.io:Free', 'old@race.io:New', 'taken@race.io:Raced']);
  });

  it('leads in the trash match no row, by LinkedIn URL or name and company domain; live ones do (one lookup per kind of key)', async () => {
    const ws = ctx.workspaceId!;
    const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
    await ctx.db.insert(leads).values([
      { workspaceId: ws, firstName: 'Tina', lastName: 'Trash', companyDomain: 'trash.io', linkedinUrl: url('tina-trash'), deletedAt: new Date() },
      { workspaceId: ws, firstName: 'Lou', lastName: 'Live', companyDomain: 'live.io', linkedinUrl: url('lou-live') },
      { workspaceId: ws, firstName: 'Nia', lastName: 'Named', companyDomain: 'named.io' },
      { workspaceId: ws, firstName: 'Ned', lastName: 'Gone', companyDomain: 'gone.io', deletedAt: new Date() },
    ]);
    const cols = [
      { index: 0, header: 'First', field: 'first_name' },
      { index: 1, header: 'Last', field: 'last_name' },
      { index: 2, header: 'Domain', field: 'company_domain' },
      { index: 3, header: 'LinkedIn', field: 'linkedin_url' },
    ];
    const up = await upload(deps, ws, 'trash.csv', 'First,Last,Domain,LinkedIn\nx,y,z.io,\n');
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: cols, options: { matchOn: ['linkedin', 'name_company'] } });
    const options = importOptionsSchema.parse({ matchOn: ['linkedin', 'name_company'] });
    const records = [
      { rowNumber: 2, cells: ['Tina', 'Again', 'other.io', url('tina-trash')] },
      { rowNumber: 3, cells: ['Lou', 'Again', 'other.io', url('lou-live')] },
      { rowNumber: 4, cells: ['Nia', 'Named', 'named.io', ''] },
      { rowNumber: 5, cells: ['Ned', 'Gone', 'gone.io', ''] },
    ];
    const { rows, errors } = prepareImportRows(records, { mapping: cols, options, workspaceId: ws, sourceId: 1, now: new Date(), customFields: [] });
    const counts = await withTransaction(ctx, (tx) =>
      writeImportChunk(tx, copyRows, { id: imp.id, sourceId: 1, listId: null, options, customFields: [] }, rows, errors),
    );
    // Tina and Ned are in the trash: new leads; Lou (LinkedIn) and Nia (name + domain) are live: skipped.
    expect(counts).toEqual({ created: 2, updated: 0, skipped: 2, invalid: 0, duplicates: 0 });
  });
});
