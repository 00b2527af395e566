import { existsSync, utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { getImport, startImport, sweepUploads, UPLOAD_TTL_MS } from '../../src/domains/imports/index.js';
import { scheduledTasks } from '../../src/main/schedules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { drain } from '../jobs/helpers.js';
import { userCtx } from '../leads/support.js';
import { importDeps, upload } from './support.js';

// Creating the app (embedded database, migrations) takes minutes on a loaded 2-core machine.
vi.setConfig({ hookTimeout: 300_000 });

const mapping = [{ index: 0, header: 'Email', field: 'email' }];

describe('sweep of uploaded files', { timeout: 120_000 }, () => {
  let t: TestApp;
  let ctx: Ctx;
  let workspaceId: string;
  const deps = importDeps();

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    workspaceId = owner.workspaceId;
    ctx = { ...userCtx(t, owner.workspaceId, owner.id), config: { ...t.config, dataDir: deps.dataDir } };
  });
  afterAll(async () => {
    await t?.close();
    deps.cleanup();
  });

  const aged = (path: string, ms: number) => {
    const when = new Date(Date.now() - ms);
    utimesSync(path, when, when);
  };

  it('removes the files of completed imports and abandoned uploads past the TTL; keeps fresh and in-use ones', async () => {
    const completed = await upload(deps, workspaceId, 'done.csv', 'Email\ndone@sweep.io\n');
    const imp = await startImport(ctx, deps, { uploadId: completed.uploadId, mapping });
    await drain(ctx);
    expect((await getImport(ctx, imp.id)).status).toBe('completed');

    const running = await upload(deps, workspaceId, 'running.csv', 'Email\nrunning@sweep.io\n');
    const runningImport = await startImport(ctx, deps, { uploadId: running.uploadId, mapping }); // not drained: still queued
    aged(running.path, 2 * UPLOAD_TTL_MS);
    const fresh = await upload(deps, workspaceId, 'fresh.csv', 'Email\nfresh@sweep.io\n');
    const abandoned = await upload(deps, workspaceId, 'old.csv', 'Email\nold@sweep.io\n');
    aged(abandoned.path, UPLOAD_TTL_MS + 60_000);

    // Through the scheduler's task, as a worker runs it.
    const task = scheduledTasks.find((k) => k.name === 'imports.sweep-uploads')!;
    expect(await task.run(ctx, new Date())).toEqual({ removed: 2, kept: 2 });
    expect([completed, running, fresh, abandoned].map((u) => [existsSync(u.path), existsSync(`${u.path}.json`)])).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
    await expect(deps.uploads.get(workspaceId, abandoned.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Once the running import completes, its file goes at the next sweep; the import and its leads stay.
    await drain(ctx);
    expect((await getImport(ctx, runningImport.id)).counts).toMatchObject({ created: 1 });
    expect(await sweepUploads(ctx, deps)).toEqual({ removed: 1, kept: 1 });
    expect(existsSync(running.path)).toBe(false);
    expect(existsSync(fresh.path)).toBe(true);
  });
});
