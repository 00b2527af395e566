import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';
import { ensureWebBuilt, launchBrowser, screenshotPath, startServer, watchPage, type ConsoleProblem, type RunningServer } from './helpers.js';

/**
 * The verifier's UI through the real server and a real browser, the server pointed at the
 * loopback mail world (test/mailworld) through the settings users have: LEADFORGE_DNS_SERVERS
 * and LEADFORGE_SMTP_PORT. Embedded database by default; a fresh PostgreSQL database with
 * TEST_DATABASE_URL.
 */

const owner = { name: 'Radia Perlman', email: 'radia@example.com', password: 'spanning-tree-1985', workspace: 'Bridges' };
const adminUrl = process.env.TEST_DATABASE_URL;

// Opening the app without a session asks /auth/refresh (401); the error cases below answer
// 400 / 402 / 429 on purpose, and Chromium logs every one of them.
const expectedProblem = (p: ConsoleProblem) =>
  p.kind === 'console' &&
  ((/\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401')) || (/\/api\/v1\/verify$/.test(p.url ?? '') && /\b(400|402|429)\b/.test(p.text)));

let world: MailWorld;
let server: RunningServer;
let browser: Browser;
let database: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  world = await startMailWorld();
  if (adminUrl) database = await createDatabase(adminUrl);
  server = await startServer({
    databaseUrl: database?.url,
    env: {
      LEADFORGE_DNS_SERVERS: world.dnsServer,
      LEADFORGE_SMTP_PORT: String(world.port),
      LEADFORGE_SMTP_TIMEOUT_MS: '1000',
      LEADFORGE_GREYLIST_RETRY_S: '1',
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
  await world?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: ConsoleProblem[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, problems: watchPage(page, expectedProblem) };
}

async function signUp(page: Page) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Work email').fill(owner.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
  await page.getByLabel('Workspace name').fill(owner.workspace);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/app/**');
}

async function verifyInBox(page: Page, email: string) {
  await page.getByTestId('verify-email-input').fill(email);
  await page.getByTestId('verify-submit').click();
  await page.locator(`[data-testid="verify-result-email"]:text-is("${email}")`).waitFor();
  return page.getByTestId('verify-result');
}

const attr = (l: Locator, name: string) => l.getAttribute(name);

async function waitForAttr(l: Locator, name: string, value: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await l.getAttribute(name).catch(() => null);
    if (last === value) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} stayed ${last}, expected ${value}`);
}

async function waitForCount(l: Locator, n: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    last = await l.count();
    if (last === n) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`expected ${n} rows, saw ${last}`);
}

/** The run card of the job in the URL (not the one it replaces, which may still be on screen). */
function openRun(page: Page): Locator {
  const jobId = new URL(page.url()).searchParams.get('job');
  if (!jobId) throw new Error(`no job in ${page.url()}`);
  return page.locator(`[data-testid="bulk-run"][data-job-id="${jobId}"]`);
}

async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('verify UI', () => {
  it('explains single verifications, shows errors, and runs a bulk verification to the end with breakdown, filters and export', async () => {
    const { context, page, problems } = await newPage();
    try {
      await verifyFlow(page);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('verify-failure'), fullPage: true }).catch(() => undefined);
      throw e;
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

async function verifyFlow(page: Page) {
  await signUp(page);
  await page.getByTestId('app-navbar').getByRole('link', { name: 'Verify' }).click();
  await page.waitForURL('**/app/verify');

  // A mailbox the mail server accepts.
  const valid = await verifyInBox(page, 'alice@valid.test');
  expect(await attr(valid, 'data-status')).toBe('valid');
  expect(await valid.getByTestId('verify-status').textContent()).toBe('Valid');
  expect(await valid.getByTestId('verify-reason').textContent()).toBe('The mail server said this mailbox exists and accepts mail.');
  expect(await attr(valid.getByTestId('verify-score'), 'data-score')).toBe('95');
  expect(await valid.getByTestId('verify-score-meaning').textContent()).toContain('High confidence');
  expect(await attr(valid.getByTestId('verify-check-smtp'), 'data-tone')).toBe('good');
  expect(await valid.getByTestId('verify-check-catchAll').textContent()).toContain('the domain rejects unknown addresses');
  expect(await valid.getByTestId('verify-mx-list').textContent()).toContain('mx.valid.test');
  expect(await valid.getByTestId('verify-charged').textContent()).toBe('Charged 0.5 credits.');
  for (const key of ['syntax', 'domain', 'mx', 'smtp', 'catchAll', 'disposable', 'role', 'free', 'gibberish', 'provider']) {
    await valid.getByTestId(`verify-check-${key}`).waitFor();
  }
  await page.screenshot({ path: screenshotPath('verify-valid'), fullPage: true });

  // A mailbox the server says does not exist.
  const invalid = await verifyInBox(page, 'nobody@valid.test');
  expect(await attr(invalid, 'data-status')).toBe('invalid');
  expect(await attr(invalid, 'data-reason')).toBe('mailbox_not_found');
  expect(await invalid.getByTestId('verify-reason').textContent()).toBe('The mail server said this mailbox does not exist.');
  expect(await attr(invalid.getByTestId('verify-score'), 'data-score')).toBe('0');
  expect(await attr(invalid.getByTestId('verify-check-smtp'), 'data-tone')).toBe('bad');
  expect(await invalid.getByTestId('verify-check-smtp').textContent()).toContain('rejected the address');

  // A domain without MX records whose own address takes mail.
  const implicit = await verifyInBox(page, 'bob@implicit.test');
  expect(await attr(implicit, 'data-status')).toBe('valid');
  expect(await implicit.getByTestId('verify-check-mx').textContent()).toContain('the domain itself takes mail (implicit MX)');

  // A typo: "Did you mean …?" verifies the suggestion when clicked.
  const typo = await verifyInBox(page, 'jane@gmial.com');
  expect(await typo.getByTestId('verify-suggestion').textContent()).toContain('Did you mean jane@gmail.com?');
  await typo.getByTestId('verify-suggestion-link').click();
  await page.locator('[data-testid="verify-result-email"]:text-is("jane@gmail.com")').waitFor();
  expect(await page.getByTestId('verify-email-input').inputValue()).toBe('jane@gmail.com');
  await page.screenshot({ path: screenshotPath('verify-typo'), fullPage: true });

  // Bad input: the server's 400 in words, no result.
  await page.getByTestId('verify-email-input').fill(`${'a'.repeat(320)}@x.io`);
  await page.getByTestId('verify-submit').click();
  const badInput = page.getByTestId('verify-error');
  await badInput.waitFor();
  expect(await attr(badInput, 'data-code')).toBe('VALIDATION');
  expect(await badInput.textContent()).toContain('Check the address');
  expect(await page.getByTestId('verify-result').count()).toBe(0);

  // The rate limit and an empty balance, as the server words them (answers stubbed: a real
  // 429 needs 120 requests in a minute, a real 402 an emptied balance).
  await page.route('**/api/v1/verify', (route) =>
    route.fulfill({ status: 429, headers: { 'retry-after': '7', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests to expensive endpoints' } }) }),
  );
  await page.getByTestId('verify-email-input').fill('bob@valid.test');
  await page.getByTestId('verify-submit').click();
  const limited = page.locator('[data-testid="verify-error"][data-code="RATE_LIMITED"]');
  await limited.waitFor();
  expect(await limited.textContent()).toMatch(/You can verify again in [67] s\./);
  expect(await page.getByTestId('verify-submit').isDisabled()).toBe(true);
  expect(await page.getByTestId('verify-submit').textContent()).toMatch(/Wait [67] s/);
  await page.unroute('**/api/v1/verify');
  await page.route('**/api/v1/verify', (route) =>
    route.fulfill({ status: 402, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INSUFFICIENT_CREDITS', message: 'Not enough credits: 0.5 needed, 0 available' } }) }),
  );
  await page.locator('[data-testid="verify-submit"]:not([disabled])').waitFor({ timeout: 15_000 });
  await page.getByTestId('verify-submit').click();
  const broke = page.locator('[data-testid="verify-error"][data-code="INSUFFICIENT_CREDITS"]');
  await broke.waitFor();
  expect(await broke.textContent()).toContain('Not enough credits: 0.5 needed, 0 available');
  expect(await broke.getByRole('link', { name: 'See your credits' }).getAttribute('href')).toBe('/app/credits');
  await page.unroute('**/api/v1/verify');

  // Bulk: paste eight addresses, follow the job to the end.
  await page.getByTestId('verify-tab-bulk').click();
  await page.waitForURL((u) => u.searchParams.get('tab') === 'bulk');
  await page.getByTestId('bulk-history-empty').waitFor();
  const addresses = [
    'alice@valid.test',
    'bob@valid.test',
    'nobody@valid.test',
    'dora@valid.test',
    'bob@nowhere.test',
    'anyone@catchall.test',
    'anyone@mailinator.com',
    'fred@valid.test',
  ];
  await page.getByTestId('bulk-paste').fill(addresses.join('\n'));
  expect(await page.getByTestId('bulk-paste-count').textContent()).toBe('8 lines');
  await page.getByTestId('bulk-start-button').click();
  await page.waitForURL((u) => Boolean(u.searchParams.get('job')));
  const run = openRun(page);
  await waitForAttr(run, 'data-status', 'completed');
  const progress = run.getByTestId('job-progress');
  await waitForAttr(progress, 'data-processed', '8');
  expect(await attr(progress, 'data-total')).toBe('8');

  // The breakdown: 2 valid, 3 invalid (no mailbox, disabled, no domain), 3 risky (catch-all,
  // disposable, full).
  const count = (status: string) => run.locator(`[data-testid="bulk-count"][data-status="${status}"]`);
  await waitForAttr(count('valid'), 'data-count', '2');
  expect(await attr(count('invalid'), 'data-count')).toBe('3');
  expect(await attr(count('risky'), 'data-count')).toBe('3');
  expect(await attr(count('unknown'), 'data-count')).toBe('0');
  expect(await attr(run.locator('[data-testid="bulk-reason"][data-reason="mailbox_not_found"]'), 'data-count')).toBe('1');
  expect(await attr(run.locator('[data-testid="bulk-reason"][data-reason="catch_all"]'), 'data-count')).toBe('1');
  await run.getByTestId('bulk-status-chart').waitFor();

  // The table: every address in input order, then filtered by status and by reason.
  const rows = run.getByTestId('bulk-result-row');
  await waitForCount(rows, 8);
  expect(await run.getByTestId('bulk-result-input').allTextContents()).toEqual(addresses);
  await pick(page, run.getByTestId('bulk-filter-status'), 'Invalid');
  await waitForCount(rows, 3);
  expect(await run.getByTestId('bulk-result-input').allTextContents()).toEqual(['nobody@valid.test', 'dora@valid.test', 'bob@nowhere.test']);
  await pick(page, run.getByTestId('bulk-filter-reason'), 'Mailbox disabled');
  await waitForCount(rows, 1);
  expect(await attr(rows.first(), 'data-reason')).toBe('mailbox_disabled');
  await page.screenshot({ path: screenshotPath('verify-bulk'), fullPage: true });

  // Export of the filtered results, as CSV.
  const [csv] = await Promise.all([page.waitForEvent('download'), run.getByTestId('bulk-export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = await readFile((await csv.path())!, 'utf8');
  const csvLines = csvText.trim().split(/\r?\n/);
  expect(csvLines[0]).toMatch(/^input,email,status,reason,score/);
  expect(csvLines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['dora@valid.test,dora@valid.test,invalid,mailbox_disabled']);

  // A click on a reason in the breakdown filters the table by it.
  await run.getByTestId('bulk-filter-clear').click();
  await waitForCount(rows, 8);
  await run.locator('[data-testid="bulk-reason"][data-reason="catch_all"]').click();
  await waitForCount(rows, 1);
  expect(await run.getByTestId('bulk-result-input').allTextContents()).toEqual(['anyone@catchall.test']);

  // And as Excel (every result: the filter is cleared first).
  await run.getByTestId('bulk-filter-clear').click();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), run.getByTestId('bulk-export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsxBytes = await readFile((await xlsx.path())!);
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as .xlsx files are

  // History: the run is listed with its counts; reopening it from there shows it again.
  const historyRow = page.getByTestId('bulk-history-row');
  await waitForCount(historyRow, 1);
  expect(await historyRow.textContent()).toContain('Completed');
  const jobId = await attr(run, 'data-job-id');
  await page.getByRole('button', { name: 'Close this verification' }).click();
  await page.waitForURL((u) => !u.searchParams.has('job'));
  await waitForCount(page.getByTestId('bulk-run'), 0);
  await page.getByTestId('bulk-history-row').first().click();
  await page.waitForURL((u) => u.searchParams.get('job') === jobId);
  await waitForAttr(openRun(page), 'data-status', 'completed');

  // An uploaded CSV: the server finds the "Work Email" column.
  await page.getByTestId('bulk-source').getByText('Upload a file').click();
  const csvUpload = 'Name,Work Email\nAlice,alice@valid.test\nNobody,nobody@valid.test\nBob,bob@implicit.test\n';
  await page.getByTestId('bulk-dropzone').locator('input[type="file"]').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(csvUpload) });
  expect(await page.getByTestId('bulk-file').textContent()).toContain('prospects.csv');
  expect(await page.getByTestId('bulk-write-leads').isChecked()).toBe(false);
  await page.getByTestId('bulk-start-button').click();
  await page.waitForURL((u) => Boolean(u.searchParams.get('job')) && u.searchParams.get('job') !== jobId);
  const uploaded = openRun(page);
  await waitForAttr(uploaded, 'data-status', 'completed');
  expect(await uploaded.getByTestId('bulk-run-title').textContent()).toContain('prospects.csv');
  await waitForAttr(uploaded.locator('[data-testid="bulk-count"][data-status="valid"]'), 'data-count', '2');
  expect(await attr(uploaded.locator('[data-testid="bulk-count"][data-status="invalid"]'), 'data-count')).toBe('1');
  await waitForCount(uploaded.getByTestId('bulk-result-row'), 3);
  expect(await uploaded.getByTestId('bulk-result-input').allTextContents()).toEqual(['alice@valid.test', 'nobody@valid.test', 'bob@implicit.test']);

  // The leads of a list, with their statuses written back (on by default for a list).
  const session = await call<{ accessToken: string }>('POST', '/auth/login', { email: owner.email, password: owner.password });
  const list = await call<{ id: string }>('POST', '/lists', { name: 'Q3 prospects' }, session.accessToken);
  const carol = await call<{ id: string }>('POST', '/leads', { email: 'carol@valid.test', first_name: 'Carol', list_ids: [list.id] }, session.accessToken);
  await call('POST', '/leads', { email: 'dora@valid.test', first_name: 'Dora', list_ids: [list.id] }, session.accessToken);
  await page.getByTestId('bulk-source').getByText('A list of leads').click();
  await pick(page, page.getByTestId('bulk-list-select'), 'Q3 prospects (2 leads)');
  expect(await page.getByTestId('bulk-write-leads').isChecked()).toBe(true);
  const uploadedId = await attr(uploaded, 'data-job-id');
  await page.getByTestId('bulk-start-button').click();
  await page.waitForURL((u) => ![null, jobId, uploadedId].includes(u.searchParams.get('job')));
  const fromList = openRun(page);
  await waitForAttr(fromList, 'data-status', 'completed');
  await waitForAttr(fromList.locator('[data-testid="bulk-count"][data-status="valid"]'), 'data-count', '1');
  expect(await attr(fromList.locator('[data-testid="bulk-count"][data-status="invalid"]'), 'data-count')).toBe('1');
  expect(await fromList.getByTestId('bulk-run-facts').textContent()).toContain('statuses written to leads');
  const activity = await call<{ items: Array<{ type: string; data: Record<string, unknown> }> }>('GET', `/leads/${carol.id}/activity`, undefined, session.accessToken);
  expect(activity.items.find((a) => a.type === 'verified')?.data).toMatchObject({ status: 'valid', reason: 'accepted' });
  await waitForCount(page.getByTestId('bulk-history-row'), 3);
  await page.screenshot({ path: screenshotPath('verify-bulk-history'), fullPage: true });
}

/** The test's own side door to the API, for setup and for checking what the UI changed. */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A fresh database on the server behind TEST_DATABASE_URL (dropped afterwards). */
async function createDatabase(url: string) {
  const name = `lf_verify_ui_${randomBytes(4).toString('hex')}`;
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
