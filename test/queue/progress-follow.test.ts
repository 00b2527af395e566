import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJobProgress } from '../../src/adapters/cli/progress.js';
import { InProcessQueue, InProcessWorker, workerSettings } from '../../src/adapters/queue/index.js';
import { startJob } from '../../src/domains/jobs/index.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { createJobsTestApp, type JobsTestApp } from '../jobs/helpers.js';

describe('CLI progress of a job', () => {
  let t: JobsTestApp;
  let queue: InProcessQueue;
  beforeAll(async () => {
    queue = new InProcessQueue();
    t = await createJobsTestApp({ queue });
  });
  afterAll(async () => t?.close());

  it('writes progress lines to a non-terminal stream until the job ends, and returns the end state', async () => {
    const ws = (await createUserWithWorkspace(t)).workspaceId;
    const ctx = t.ctx(ws);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 60, delayMs: 150, failRefs: ['item-5'] } });
    const worker = new InProcessWorker(t.ctx(), queue, workerSettings({ concurrency: 1, pollMs: 50 }));
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    worker.start();
    try {
      const end = await followJobProgress(ctx, job.id, { stream: out as unknown as NodeJS.WriteStream, intervalMs: 50, label: 'count' });
      expect(end).toMatchObject({ status: 'partial', processed: 60, failed: 1 });
    } finally {
      await worker.stop();
    }
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^count: 0\/60 \(0%\)/);
    expect(lines.some((l) => / running|ETA/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^count: 60\/60 \(100%\) [\d,.]+\/s partial 1 failed$/);
  });
});
