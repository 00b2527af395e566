import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustCredits, getBalance, grantCredits } from '../../src/domains/credits/index.js';
import { startJob } from '../../src/domains/jobs/index.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { createJobsTestApp, drain, type JobsTestApp } from './helpers.js';
import { failingNow } from './kinds.js';

/** Parses an SSE body into its events. */
function parseEvents(body: string) {
  return body
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as { processed: number; status: string; total: number } } : null;
    })
    .filter((e): e is NonNullable<typeof e> => e !== null);
}

describe('jobs API', () => {
  let t: JobsTestApp;
  let owner: TestOwner;
  let viewer: TestUser;
  let stranger: TestOwner;
  let completedId: string;
  let partialId: string;

  beforeAll(async () => {
    t = await createJobsTestApp();
    owner = await createUserWithWorkspace(t);
    viewer = await addMember(t, owner.workspaceId, 'viewer');
    stranger = await createUserWithWorkspace(t);
    const ctx = t.ctx(owner.workspaceId);
    completedId = (await startJob(ctx, { kind: 'test.counter', payload: { count: 25 } })).id;
    partialId = (await startJob(ctx, { kind: 'test.counter', payload: { count: 12, failRefs: ['item-2'] } })).id;
    await drain(ctx);
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers = owner.headers) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const post = (url: string, headers = owner.headers) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers });

  it('lists jobs with filters', async () => {
    const all = await get('/jobs');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((j: { id: string }) => j.id)).toEqual([partialId, completedId]);
    expect(all.json().items[1]).toMatchObject({ kind: 'test.counter', status: 'completed', total: 25, processed: 25, percent: 100, label: 'Count to 25' });
    expect((await get('/jobs?status=partial')).json().items.map((j: { id: string }) => j.id)).toEqual([partialId]);
    expect((await get('/jobs?status=completed,partial&limit=1')).json()).toMatchObject({ items: [{ id: partialId }], nextCursor: expect.any(String) });
    expect((await get('/jobs?kind=test.other')).json().items).toEqual([]);
    expect((await get(`/jobs?createdAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json().items).toEqual([]);
    const bad = await get('/jobs?status=exploded');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    expect((await get('/jobs?createdAfter=yesterday')).statusCode).toBe(400);
  });

  it('shows a job, its progress and its items', async () => {
    const job = await get(`/jobs/${partialId}`);
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ id: partialId, status: 'partial', processed: 12, failed: 1, succeeded: 11, createdBy: { type: 'system' } });
    const progress = await get(`/jobs/${partialId}/progress`);
    expect(progress.json()).toMatchObject({ id: partialId, status: 'partial', processed: 12, total: 12, percent: 100, etaSeconds: 0 });
    const failed = await get(`/jobs/${partialId}/items?status=failed`);
    expect(failed.json()).toEqual({
      items: [expect.objectContaining({ ref: 'item-2', status: 'failed', error: 'bad item item-2', seq: 2 })],
      nextCursor: null,
    });
    const page = await get(`/jobs/${completedId}/items?limit=10&cursor=9`);
    expect(page.json().items.map((i: { seq: number }) => i.seq)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(page.json().nextCursor).toBe(19);
    expect((await get(`/jobs/${completedId}/items?limit=1000`)).statusCode).toBe(400);
  });

  it('answers 404 for unknown ids and for jobs of another workspace', async () => {
    expect((await get('/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/jobs/not-an-id')).statusCode).toBe(404);
    for (const path of ['', '/progress', '/items', '/events']) {
      const r = await get(`/jobs/${completedId}${path}`, stranger.headers);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    for (const action of ['pause', 'resume', 'cancel', 'retry']) {
      expect((await post(`/jobs/${partialId}/${action}`, stranger.headers)).statusCode).toBe(404);
    }
    expect((await get('/jobs', stranger.headers)).json().items).toEqual([]);
  });

  it('lets viewers read but not control jobs; needs authentication', async () => {
    expect((await get('/jobs', viewer.headers)).statusCode).toBe(200);
    const r = await post(`/jobs/${partialId}/retry`, viewer.headers);
    expect(r.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs' })).statusCode).toBe(401);
  });

  it('pauses, resumes and cancels; refuses transitions that make no sense with 409', async () => {
    const ctx = t.ctx(owner.workspaceId);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 30 } });
    const paused = await post(`/jobs/${job.id}/pause`);
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused' });
    expect(await drain(ctx)).toBe(0);
    expect((await post(`/jobs/${job.id}/resume`)).json()).toMatchObject({ status: 'queued' });
    await drain(ctx, { maxChunks: 1 });
    const cancelled = await post(`/jobs/${job.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', processed: 10 });
    const again = await post(`/jobs/${job.id}/pause`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancelled') });
    expect((await post(`/jobs/${completedId}/retry`)).statusCode).toBe(409);
  });

  it('retries failed items; 402 with the numbers when the credits do not cover them', async () => {
    const ctx = t.ctx(owner.workspaceId);
    await grantCredits(ctx, { amountMilli: 100_000, reason: 'test' });
    failingNow.add('item-3');
    const billed = await startJob(ctx, { kind: 'test.billed', payload: { count: 10 } });
    await drain(ctx);
    failingNow.clear();
    const balance = await getBalance(ctx);
    await adjustCredits(ctx, { amountMilli: -balance.availableMilli, reason: 'drain for test' });
    const refused = await post(`/jobs/${billed.id}/retry`);
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { requiredMilli: 1000, availableMilli: 0 } });
    expect((await get(`/jobs/${billed.id}`)).json()).toMatchObject({ status: 'partial', failed: 1 });

    await grantCredits(ctx, { amountMilli: 5_000, reason: 'top-up' });
    const retried = await post(`/jobs/${billed.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', retriedItems: 1 });
    await drain(ctx);
    expect((await get(`/jobs/${billed.id}`)).json()).toMatchObject({ status: 'completed', succeeded: 10 });
  });

  it('streams the progress of a finished job as one progress and one end event', async () => {
    const r = await get(`/jobs/${completedId}/events`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/event-stream');
    const events = parseEvents(r.body);
    expect(events.map((e) => e.event)).toEqual(['progress', 'end']);
    expect(events[1]!.data).toMatchObject({ status: 'completed', processed: 25 });
  });

  it('streams live progress while workers commit chunks, then ends', async () => {
    const ctx = t.ctx(owner.workspaceId);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 40 } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const body = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/v1/jobs/${job.id}/events?intervalMs=250`, headers: owner.headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 400));
      await drain(ctx, { maxChunks: 1 });
    }
    const events = parseEvents(await body);
    const processed = events.map((e) => e.data.processed);
    expect(events[0]).toMatchObject({ event: 'progress', data: { processed: 0, status: 'queued', total: 40 } });
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { processed: 40, status: 'completed' } });
    expect(new Set(processed).size).toBeGreaterThanOrEqual(4);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
  });

  it('limits job starts per workspace with 429, Retry-After and a clear message', async () => {
    const fresh = await createUserWithWorkspace(t);
    const ctx = t.ctx(fresh.workspaceId);
    const job = await startJob(ctx, { kind: 'test.counter', payload: { count: 1 } });
    await drain(ctx);
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await post(`/jobs/${job.id}/retry`, fresh.headers)).statusCode);
    expect(codes.every((c) => c === 409)).toBe(true);
    const limited = await post(`/jobs/${job.id}/retry`, fresh.headers);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/job starts in this workspace: at most 30 per 60 s/) });
    // Another workspace has its own budget.
    expect((await post(`/jobs/${partialId}/retry`, owner.headers)).statusCode).not.toBe(429);
  });
});

describe('jobs API shutdown', () => {
  it('ends open event streams when the server closes', async () => {
    const t = await createJobsTestApp();
    try {
      const owner = await createUserWithWorkspace(t);
      const job = await startJob(t.ctx(owner.workspaceId), { kind: 'test.counter', payload: { count: 20 } });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = t.app.server.address() as AddressInfo;
      const ended = new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `/api/v1/jobs/${job.id}/events`, headers: owner.headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      await t.app.close();
      const body = await ended;
      expect(Date.now() - started).toBeLessThan(3000);
      expect(parseEvents(body).map((e) => e.event)).toEqual(['progress']);
    } finally {
      await t.close();
    }
  });
});
