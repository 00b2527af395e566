// Import end to end (upload already on disk → job drained) of an N-row, 20-column CSV, on the
// embedded database (default) or PostgreSQL (TEST_DATABASE_URL). `--rows=N` (default 10,000).
// Not yet here: the bare-COPY floor and its ratio (see docs/IMPORTS.md, "Not done yet").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { silentLogger } from '../src/core/logger.js';
import { diskUploadStore } from '../src/adapters/files/disk-upload-store.js';
import '../src/adapters/files/register-import-kind.js';
import { tableFileReader } from '../src/adapters/files/table-file-reader.js';
import { workspaces } from '../src/domains/workspaces/index.js';
import { getImport, previewUpload, startImport } from '../src/domains/imports/index.js';
import { claimNextChunk, runClaimedChunk } from '../src/domains/jobs/index.js';
import { createTestDatabase } from '../test/helpers/db.js';
import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';

export const description = 'CSV import end to end (20 columns), rows per second';

export async function run(args: string[]) {
  const rows = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'lf-bench-import-'));
  const db = await createTestDatabase();
  try {
    const header = ['Email', 'First Name', 'Last Name', 'Title', 'Company', 'Website', 'Phone', 'City', 'State', 'Country', 'Industry', 'Employees', 'LinkedIn', 'Department', 'Seniority', 'Notes', 'Score', 'Segment', 'Owner', 'Source'];
    const lines = [header.join(',')];
    for (let i = 0; i < rows; i++) {
      lines.push([`p${i}@co${i % 5000}.com`, `First${i}`, `Last${i}`, 'VP Sales', `Company ${i % 5000}`, `https://co${i % 5000}.com`, `+1 415 555 ${String(i % 10000).padStart(4, '0')}`, 'Austin', 'TX', 'United States', 'Software', String(50 + (i % 900)), `https://www.linkedin.com/in/p-${i}`, 'Sales', 'VP', 'note', String(i % 100), 'A', 'x', 'fair'].join(','));
    }
    const file = join(dir, 'bench.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const config = testConfig();
    const base: Ctx = { db: db.database.db, inTransaction: false, config, log: silentLogger(), clock: systemClock, services: { mailer: { send: async () => undefined } as never }, actor: { type: 'system' } };
    const [ws] = await base.db.insert(workspaces).values({ name: 'Bench' }).returning({ id: workspaces.id });
    if (!ws) throw new Error('no workspace');
    const ctx = { ...base, workspaceId: ws.id };
    const deps = { reader: tableFileReader, uploads: diskUploadStore(dir, 2 ** 40) };
    const t0 = performance.now();
    const up = await deps.uploads.save(ws.id, 'bench.csv', createReadStream(file) as unknown as Readable);
    const preview = await previewUpload(ctx, deps, { uploadId: up.uploadId });
    const imp = await startImport(ctx, deps, { uploadId: up.uploadId, mapping: preview.columns });
    const t1 = performance.now();
    for (;;) {
      const claimed = await claimNextChunk(ctx, 'bench');
      if (!claimed) break;
      await runClaimedChunk(ctx, claimed, { workerId: 'bench', heartbeatMs: 60_000 });
    }
    const t2 = performance.now();
    const done = await getImport(ctx, imp.id);
    const s = (t2 - t0) / 1000;
    process.stdout.write(
      `| database | rows | start (upload, preview, count) | job | total | rows/s | created |\n| --- | --- | --- | --- | --- | --- | --- |\n` +
        `| ${db.kind} | ${rows.toLocaleString('en-US')} | ${((t1 - t0) / 1000).toFixed(2)} s | ${((t2 - t1) / 1000).toFixed(2)} s | ${s.toFixed(2)} s | ${Math.round(rows / s).toLocaleString('en-US')} | ${done.counts.created} |\n`,
    );
  } finally {
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
