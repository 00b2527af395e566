import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuilt,
  freePort,
  launchBrowser,
  repoRoot,
  screenshotPath,
  startServer,
  watchPage,
  type ConsoleProblem,
  type RunningServer,
} from './helpers.js';

/**
 * Credits, notifications and jobs through the real server and a real browser.
 *
 * The credits part runs everywhere. Jobs in chosen states (running with a given progress, partly
 * failed) are seeded as rows; the embedded database belongs to the server process while it
 * runs, so seeding needs PostgreSQL: with TEST_DATABASE_URL the server runs on a fresh database
 * there and the seeded-jobs part runs. Everywhere, a real bulk verification is started through
 * the API and followed to its end on the jobs page and in the ledger.
 */

const owner = { name: 'Katherine Johnson', email: 'katherine@example.com', password: 'orbital-mechanics-1962', workspace: 'Trajectories' };
const viewer = { name: 'Dorothy Vaughan', email: 'dorothy@example.com', password: 'fortran-for-everyone-61' };
const adminUrl = process.env.TEST_DATABASE_URL;

const expectedNoSession = (p: ConsoleProblem) =>
  p.kind === 'console' && /\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401');

let server: RunningServer;
let browser: Browser;
let database: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  if (adminUrl) {
    database = await createDatabase(adminUrl);
    server = await startServerOnPostgres(database.url);
  } else {
    server = await startServer();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: ConsoleProblem[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, problems: watchPage(page, expectedNoSession) };
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

/** JSON call to the API as a signed-in user (the test's own side door, for setup). */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

interface ApiSession {
  accessToken: string;
  workspace: { id: string } | null;
}

const login = (who: { email: string; password: string }) => call<ApiSession>('POST', '/auth/login', { email: who.email, password: who.password });

describe('credits and jobs UI', () => {
  it('shows the balance, grants and adjusts credits, notifies a low balance, and shows an empty jobs page', async () => {
    const { context, page, problems } = await newPage();

    await page.goto('/signup');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByLabel('Workspace name').fill(owner.workspace);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/**');

    // Credits: the opening balance is the monthly allowance (1,000 by default), granted once.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Credits' }).click();
    await page.waitForURL('**/app/credits');
    await page.getByTestId('credits-balance').waitFor();
    expect(await text(page, 'credits-balance')).toBe('1,000');
    expect(await text(page, 'credits-reserved')).toBe('0');
    expect(await text(page, 'credits-available')).toBe('1,000');
    expect(await text(page, 'credits-allowance')).toBe('1,000');
    expect(await text(page, 'credits-daily-cap')).toBe('None');
    expect(await page.getByRole('group', { name: 'Monthly allowance' }).textContent()).toMatch(/Resets on \w{3} \d{1,2}, \d{4}/);
    await page.getByTestId('transaction-row').first().waitFor();
    expect(await page.getByTestId('transaction-row').count()).toBe(1);
    expect(await page.getByTestId('transaction-row').first().getAttribute('data-kind')).toBe('grant');
    await page.getByTestId('usage-empty').waitFor();
    await page.getByTestId('notifications-bell').waitFor();
    expect(await page.getByTestId('notifications-bell').getAttribute('aria-label')).toBe('Notifications');

    // The owner grants 250.5 credits with a reason: the balance and the ledger show it.
    await page.getByTestId('grant-credits').click();
    const dialog = page.getByRole('dialog', { name: 'Grant or adjust credits' });
    await dialog.getByLabel('Amount (credits)').fill('250.5');
    await dialog.getByLabel('Reason').fill('Top-up for the launch campaign');
    expect(await dialog.getByTestId('movement-preview').textContent()).toContain('1,250.5');
    await dialog.getByTestId('credit-movement-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(page, 'credits-balance', '1,250.5');
    const granted = page.getByTestId('transaction-row').filter({ hasText: 'Top-up for the launch campaign' });
    await granted.waitFor();
    expect(await granted.getAttribute('data-kind')).toBe('grant');
    expect(await granted.getByTestId('transaction-amount').textContent()).toBe('+250.5');
    expect(await granted.textContent()).toContain('1,250.5');
    await page.screenshot({ path: screenshotPath('credits'), fullPage: true });

    // Adjustments go down to the milli-credit; amounts show up to three decimals.
    await adjust(page, '-0.125', 'Rounding correction');
    await expectText(page, 'credits-balance', '1,250.375');
    expect(await page.getByTestId('transaction-row').filter({ hasText: 'Rounding correction' }).getByTestId('transaction-amount').textContent()).toBe('−0.125');

    // The kind filter narrows the ledger.
    await page.getByTestId('transactions-kind').click();
    await page.getByRole('option', { name: 'Adjustment' }).click();
    await expectCount(page.getByTestId('transaction-row'), 1);
    expect(await page.getByTestId('transaction-row').getAttribute('data-kind')).toBe('adjust');
    await page.getByTestId('transactions-kind').click();
    await page.getByRole('option', { name: 'Grant' }).click();
    await expectCount(page.getByTestId('transaction-row'), 2);

    // Settings: a daily cap; costs: a workspace price for verification.
    const settings = page.getByTestId('credit-settings-form');
    await settings.getByLabel('Daily cap').fill('500');
    await settings.getByTestId('credit-settings-save').click();
    await expectText(page, 'credits-daily-cap', '500');
    const verifyCost = page.locator('[data-testid="cost-row"][data-feature="email_verify"]');
    await verifyCost.getByLabel('Cost of email_verify').fill('0.75');
    await page.getByTestId('costs-save').click();
    await verifyCost.getByText('This workspace').waitFor();

    // A correction that takes the balance under the threshold (10 % of the allowance) warns
    // on the page and rings the bell; opening the notice marks it read.
    await adjust(page, '-1200', 'Move credits to another workspace');
    await expectText(page, 'credits-balance', '50.375');
    await page.getByTestId('credits-low-balance').waitFor();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 20_000 }).catch(async () => {
      // The bell polls once a minute; a reload asks at once.
      await page.reload();
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    });
    await page.getByTestId('notifications-bell').click();
    const notice = page.getByTestId('notification').first();
    await notice.waitFor();
    expect(await notice.getAttribute('data-unread')).toBe('true');
    await page.screenshot({ path: screenshotPath('notifications') });
    await notice.click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await page.waitForURL('**/app/credits');

    // Jobs: nothing has run yet, so the page explains what will show up; filters live in the URL.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Jobs' }).click();
    await page.waitForURL('**/app/jobs');
    await page.getByTestId('jobs-empty').waitFor();
    expect(await page.getByTestId('jobs-empty').textContent()).toContain('No jobs yet');
    await page.getByTestId('jobs-status-filter').click();
    await page.getByRole('option', { name: 'Running' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.searchParams.get('status') === 'running');
    await expectTextContains(page, 'jobs-empty', 'No jobs match these filters');
    await page.goto('/app/jobs?status=completed,partial&from=2000-01-01&to=2000-01-31');
    await expectTextContains(page, 'jobs-empty', 'No jobs match these filters');
    expect(await page.getByTestId('jobs-date-filter').textContent()).toContain('Jan 1, 2000');
    await page.getByTestId('jobs-empty').getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => u.pathname === '/app/jobs' && u.search === '');
    await expectTextContains(page, 'jobs-empty', 'No jobs yet');
    await page.screenshot({ path: screenshotPath('jobs-empty'), fullPage: true });

    expect(problems).toEqual([]);
    await context.close();
  });

  it.skipIf(!adminUrl)('follows seeded jobs live, filters them, and pauses, resumes and cancels one (PostgreSQL: TEST_DATABASE_URL)', async () => {
    const session = await login(owner);
    const workspaceId = session.workspace!.id;
    const db = new pg.Client({ connectionString: database!.url });
    await db.connect();
    try {
      const { runningId, partialId } = await seedJobs(db, workspaceId);
      await seedUsage(db, workspaceId);
      const { context, page, problems } = await newPage();
      await page.goto('/login');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL('**/app/**');

      // The usage chart shows the seeded charges by feature.
      await page.goto('/app/credits');
      await page.getByTestId('usage-chart').waitFor();
      expect(await page.getByTestId('usage-features').textContent()).toContain('Email verification');
      await page.screenshot({ path: screenshotPath('credits-usage'), fullPage: true });

      // The list: both jobs, the running one with its progress, rate and ETA.
      await page.goto('/app/jobs');
      await expectCount(page.getByTestId('job-row'), 2);
      const running = page.locator(`[data-testid="job-row"][data-job-id="${runningId}"]`);
      expect(await running.getByTestId('job-status').getAttribute('data-status')).toBe('running');
      expect(await running.getByTestId('job-progress-count').textContent()).toBe('40 / 200 · 20%');
      expect(await running.getByTestId('job-progress-rate').textContent()).toMatch(/items\/s · ETA \d/);

      // Progress moves on the server: the bar follows through the event stream (the list's
      // safety poll is every 10 s, so arriving within 5 s is the stream's doing).
      await db.query(`update job_chunks set processed = 90, succeeded = 87, failed = 3 where job_id = $1 and chunk_no = 0`, [runningId]);
      await running.locator('[data-testid="job-progress"][data-processed="90"]').waitFor({ timeout: 5_000 });
      expect(await running.getByTestId('job-progress-count').textContent()).toBe('90 / 200 · 45%');
      await page.screenshot({ path: screenshotPath('jobs'), fullPage: true });

      // Filters: status and kind.
      await page.getByTestId('jobs-status-filter').click();
      await page.getByRole('option', { name: 'Partly failed' }).click();
      await page.keyboard.press('Escape');
      await expectCount(page.getByTestId('job-row'), 1);
      expect(await page.getByTestId('job-row').getAttribute('data-job-id')).toBe(partialId);
      await page.getByTestId('job-filters').getByRole('button', { name: 'Clear filters' }).click();
      await expectCount(page.getByTestId('job-row'), 2);
      await page.getByTestId('jobs-kind-filter').click();
      await page.getByRole('option', { name: /\(test\.import\)/ }).click();
      await expectCount(page.getByTestId('job-row'), 1);
      expect(await page.getByTestId('job-row').getAttribute('data-job-id')).toBe(runningId);
      await page.getByTestId('job-filters').getByRole('button', { name: 'Clear filters' }).click();

      // Detail of the running job: counts, live; pause and resume.
      await running.getByTestId('job-link').click();
      await page.waitForURL(`**/app/jobs/${runningId}`);
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('job-title').waitFor();
      expect(await drawer.getByTestId('job-title').textContent()).toBe('Import 200 prospects');
      expect(await drawer.getByTestId('job-count-processed').textContent()).toBe('90');
      expect(await drawer.getByTestId('job-count-failed').textContent()).toBe('3');
      await db.query(`update job_chunks set processed = 30, succeeded = 30 where job_id = $1 and chunk_no = 1`, [runningId]);
      await drawer.getByTestId('job-count-processed').getByText('120').waitFor({ timeout: 5_000 });
      await drawer.getByRole('button', { name: 'Pause' }).click();
      await drawer.locator('[data-testid="job-status"][data-status="paused"]').waitFor();
      await drawer.getByRole('button', { name: 'Resume' }).click();
      await drawer.locator('[data-testid="job-status"][data-status="running"]').waitFor();
      await page.screenshot({ path: screenshotPath('job-detail-running') });
      await drawer.getByRole('button', { name: 'Close job' }).click();
      await page.waitForURL((u) => u.pathname === '/app/jobs');

      // Detail of the partly failed job: stats, and its failed items first.
      await page.locator(`[data-testid="job-row"][data-job-id="${partialId}"]`).getByTestId('job-link').click();
      await drawer.getByTestId('job-title').waitFor();
      expect(await drawer.getByTestId('job-status').getAttribute('data-status')).toBe('partial');
      expect(await drawer.getByTestId('job-stats').textContent()).toContain('valid');
      await expectCount(drawer.getByTestId('job-item-row'), 2);
      expect(await drawer.getByTestId('job-items-table').textContent()).toContain('mailbox_not_found');
      await drawer.getByRole('button', { name: /Retry failed \(2\)/ }).waitFor();
      await drawer.getByTestId('job-items-filter').getByText('Succeeded (10)').click();
      await expectCount(drawer.getByTestId('job-item-row'), 10);
      await drawer.getByTestId('job-items-filter').getByText('All (12)').click();
      await expectCount(drawer.getByTestId('job-item-row'), 12);
      await page.screenshot({ path: screenshotPath('job-detail') });
      await drawer.getByRole('button', { name: 'Close job' }).click();

      // Cancel the running job behind its confirmation.
      await page.goto(`/app/jobs/${runningId}`);
      await drawer.getByTestId('job-title').waitFor();
      await drawer.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('confirm-action').click();
      await drawer.locator('[data-testid="job-status"][data-status="cancelled"]').waitFor();
      expect(await drawer.getByRole('button', { name: 'Pause' }).count()).toBe(0);

      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await db.end();
    }
  });

  it('shows viewers credits and jobs read-only', async () => {
    const ownerSession = await login(owner);
    await call('POST', '/workspace/invitations', { email: viewer.email, role: 'viewer' }, ownerSession.accessToken);
    const link = await waitFor(() => server.lastMailedLink('/invite/'));
    const token = new URL(link).pathname.split('/').pop()!;
    const registered = await call<ApiSession>('POST', '/auth/register', { name: viewer.name, email: viewer.email, password: viewer.password });
    const accepted = await call<{ workspace: { id: string } }>('POST', `/invitations/${token}/accept`, {}, registered.accessToken);
    await call('POST', '/auth/switch-workspace', { workspaceId: accepted.workspace.id }, registered.accessToken);

    const { context, page, problems } = await newPage();
    await page.goto('/login?next=/app/credits');
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(viewer.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app/credits');
    await page.getByTestId('credits-balance').waitFor();
    await page.getByTestId('transactions-table').waitFor();
    await page.getByTestId('costs-table').waitFor();
    expect(await page.getByTestId('grant-credits').count()).toBe(0);
    expect(await page.getByTestId('credit-settings-form').count()).toBe(0);
    expect(await page.getByTestId('costs-save').count()).toBe(0);
    expect(await page.getByLabel('Cost of email_verify').count()).toBe(0);
    expect(await page.getByText('Only admins can change costs.').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('credits-viewer'), fullPage: true });

    await page.getByTestId('app-navbar').getByRole('link', { name: 'Jobs' }).click();
    await page.waitForURL('**/app/jobs');
    if (adminUrl) {
      await page.getByTestId('job-row').first().getByTestId('job-link').click();
      await page.getByRole('dialog').getByTestId('job-title').waitFor();
      expect(await page.getByTestId('job-actions').count()).toBe(0);
    } else {
      await page.getByTestId('jobs-empty').waitFor();
    }

    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs a real job: a bulk verification started through the API finishes on the jobs page and its charges are in the ledger', async () => {
    const session = await login(owner);
    const token = session.accessToken;
    const before = await call<{ balanceMilli: number; reservedMilli: number }>('GET', '/credits', undefined, token);
    // Addresses that fail on syntax: a definite answer (charged, at the 0.75 set above) without DNS or SMTP.
    const job = await call<{ id: string }>('POST', '/verify/bulk', { emails: ['not-an-email', 'also@@bad'], skipSmtp: true }, token);

    const { context, page, problems } = await newPage();
    await page.goto(`/login?next=/app/jobs`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app/jobs');
    const row = page.locator(`[data-testid="job-row"][data-job-id="${job.id}"]`);
    await row.locator('[data-testid="job-status"][data-status="completed"]').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('job-progress-count').textContent()).toMatch(/^2 \/ 2 · 100%/);

    // Reserved up front, charged per item in the chunk's transaction, the rest released.
    const after = await call<{ balanceMilli: number; reservedMilli: number }>('GET', '/credits', undefined, token);
    expect(after.balanceMilli).toBe(before.balanceMilli - 1500);
    expect(after.reservedMilli).toBe(before.reservedMilli);
    await page.goto('/app/credits');
    await page.getByTestId('transactions-kind').click();
    await page.getByRole('option', { name: 'Charge' }).click();
    await expectCount(page.getByTestId('transaction-row').filter({ has: page.getByTestId('transaction-amount').getByText('−0.75', { exact: true }) }), 2);

    expect(problems).toEqual([]);
    await context.close();
  });
});

async function adjust(page: Page, amount: string, reason: string) {
  await page.getByTestId('adjust-credits').click();
  const dialog = page.getByRole('dialog', { name: 'Grant or adjust credits' });
  await dialog.getByLabel('Amount (credits)').fill(amount);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByTestId('credit-movement-submit').click();
  await dialog.waitFor({ state: 'detached' });
}

async function expectText(page: Page, testId: string, expected: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let seen: string | undefined;
  while ((seen = await text(page, testId)) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected ${testId} to read "${expected}", it reads "${seen}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectTextContains(page: Page, testId: string, expected: string) {
  await page.getByTestId(testId).filter({ hasText: expected }).waitFor();
}

async function expectCount(locator: ReturnType<Page['locator']>, n: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} of ${locator.toString()}, found ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database, the real server on it, and rows seeded next to the server.

async function createDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lf_browser_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return { url: dbUrl.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** `leadforge serve` as helpers.startServer starts it, but on the given PostgreSQL database. */
async function startServerOnPostgres(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'leadforge-browser-pg-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LEADFORGE_DATA_DIR: dataDir,
    LEADFORGE_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
  };
  for (const k of ['REDIS_URL', 'SMTP_URL']) delete env[k];
  const child = spawn(process.execPath, [join(repoRoot, 'bin/leadforge'), 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // As helpers.startServer: TEST_SERVER_START_MS raises the wait on a loaded machine.
  const startMs = Number(process.env.TEST_SERVER_START_MS ?? 60_000);
  const deadline = Date.now() + startMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with code ${child.exitCode}\n${output}`);
    }
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /health within ${startMs / 1000} s\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    lastMailedLink(prefix) {
      const all = output.match(new RegExp(`${(url + prefix).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"\\\\]*`, 'g'));
      return all?.[all.length - 1];
    },
    stop,
  };
}

/**
 * Two jobs of a kind no worker runs: one running (its chunks leased by a "worker" whose lease
 * never expires, so the engine neither takes them back nor finishes the job) and one finished
 * with failed items. Counts of a running job are the sums over its chunks, as the engine keeps them.
 */
async function seedJobs(db: pg.Client, workspaceId: string) {
  const runningId = randomUUID();
  const partialId = randomUUID();
  await db.query(
    `insert into jobs (id, workspace_id, kind, label, status, params, chunk_size, total, created_by_type,
                       created_at, started_at, run_started_at, run_base_processed, heartbeat_at, updated_at)
     values ($1, $2, 'test.import', 'Import 200 prospects', 'running', '{}', 100, 200, 'system',
             now() - interval '2 minutes', now() - interval '2 minutes', now() - interval '1 minute', 0, now(), now())`,
    [runningId, workspaceId],
  );
  await db.query(
    `insert into job_chunks (job_id, chunk_no, workspace_id, status, total, processed, succeeded, failed, run_at, lease_token, leased_by, heartbeat_at, updated_at)
     select $1, g, $2, 'running', 100, case when g = 0 then 40 else 0 end, case when g = 0 then 40 else 0 end, 0,
            now(), gen_random_uuid(), 'browser-test', now() + interval '1 day', now()
       from generate_series(0, 1) g`,
    [runningId, workspaceId],
  );
  await db.query(
    `insert into job_items (job_id, workspace_id, seq, ref, status, updated_at)
     select $1, $2, g, 'prospect-' || g, case when g < 40 then 'succeeded' else 'pending' end, now() from generate_series(0, 199) g`,
    [runningId, workspaceId],
  );

  await db.query(
    `insert into jobs (id, workspace_id, kind, label, status, params, chunk_size, total, processed, succeeded, failed, skipped, stats,
                       feature, cost_per_item_milli, created_by_type, created_at, started_at, finished_at, run_started_at, updated_at)
     values ($1, $2, 'test.verify', 'Verify 12 addresses', 'partial', '{}', 100, 12, 12, 10, 2, 0, '{"valid": 8, "catch_all": 2, "invalid": 2}',
             'email_verify', 500, 'system', now() - interval '1 hour', now() - interval '1 hour', now() - interval '59 minutes',
             now() - interval '1 hour', now() - interval '59 minutes')`,
    [partialId, workspaceId],
  );
  await db.query(
    `insert into job_chunks (job_id, chunk_no, workspace_id, status, total, processed, succeeded, failed, run_at, updated_at)
     values ($1, 0, $2, 'done', 12, 12, 10, 2, now(), now())`,
    [partialId, workspaceId],
  );
  await db.query(
    `insert into job_items (job_id, workspace_id, seq, ref, status, result, error, attempts, updated_at)
     select $1, $2, g, 'person' || g || '@example.com',
            case when g in (3, 7) then 'failed' else 'succeeded' end,
            case when g in (3, 7) then null else jsonb_build_object('status', 'valid', 'score', 90) end,
            case when g in (3, 7) then 'mailbox_not_found: 550 5.1.1 no such user' end,
            case when g in (3, 7) then 1 else 0 end, now() - interval '59 minutes'
       from generate_series(0, 11) g`,
    [partialId, workspaceId],
  );
  return { runningId, partialId };
}

/** Charges over the last ten days for the usage chart; the account balance is lowered to match. */
async function seedUsage(db: pg.Client, workspaceId: string) {
  await db.query(
    `with charges as (
       select d, f, case f when 'email_find' then 1000 * (d % 3 + 1) else 500 * (d % 4 + 1) end as milli
         from generate_series(0, 9) d, unnest(array['email_find', 'email_verify']) f
     ), moved as (
       update credit_accounts set balance_milli = balance_milli - (select sum(milli) from charges) where workspace_id = $1
       returning balance_milli
     )
     insert into credit_ledger (workspace_id, kind, amount_milli, feature, actor_type, balance_after_milli, reserved_after_milli, created_at)
     select $1, 'charge', -milli, f, 'system', (select balance_milli from moved), 0, now() - (d || ' days')::interval from charges`,
    [workspaceId],
  );
}
