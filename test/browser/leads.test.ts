import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ensureWebBuilt, launchBrowser, screenshotPath, startServer, watchPage, type ConsoleProblem, type RunningServer } from './helpers.js';

/**
 * The lead database through the real server and a real browser, on the path of issue #4:
 * create a list, add leads to it, filter, bulk-tag, edit a lead in its drawer (provenance, notes,
 * activity, lists), quick search, a saved view, merge two duplicates (and undo), export the list
 * to CSV and read the downloaded file. Runs on the embedded database, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */

const owner = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compilers-since-1952', workspace: 'Cobol Works' };
const adminUrl = process.env.TEST_DATABASE_URL;

const expectedNoSession = (p: ConsoleProblem) =>
  p.kind === 'console' && /\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401');

let server: RunningServer;
let browser: Browser;
let database: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  if (adminUrl) database = await createTestDatabase(adminUrl);
  server = await startServer(database ? { databaseUrl: database.url } : {});
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: ConsoleProblem[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page, problems: watchPage(page, expectedNoSession) };
}

/** JSON call to the API (the test's side door for setup and for checking what the UI did). */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

interface LeadRow {
  id: string;
  email: string | null;
  tags: string[];
  stage: string;
  title: string | null;
}

const people = [
  { email: 'ada@analytical.example', first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines Ltd', title: 'Programmer' },
  { email: 'charles@analytical.example', first_name: 'Charles', last_name: 'Babbage', company: 'Analytical Engines Ltd', title: 'Founder' },
  { email: 'alan@bletchley.example', first_name: 'Alan', last_name: 'Turing', company: 'Bletchley Park', title: 'Cryptanalyst' },
  { email: 'joan@bletchley.example', first_name: 'Joan', last_name: 'Clarke', company: 'Bletchley Park', title: 'Cryptanalyst' },
  { email: 'margaret@apollo.example', first_name: 'Margaret', last_name: 'Hamilton', company: 'Apollo Guidance', title: 'Director' },
  { email: 'not-an-email', first_name: 'Edsger', last_name: 'Dijkstra', company: 'Structured Co', title: 'Professor' },
];

const rows = (page: Page) => page.getByTestId('lead-row');
const rowOf = (page: Page, email: string) => page.locator(`[data-testid="lead-row"][data-email="${email}"]`);

describe('leads and lists UI', () => {
  it('creates a list, adds leads, filters, bulk-tags, searches, saves a view, merges two duplicates and exports CSV', async () => {
    const { context, page, problems } = await newPage();
    try {
      await listPath(page, problems);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('leads-failure'), fullPage: true });
      throw new Error(`${(e as Error).message}\nat ${page.url()}\nproblems: ${JSON.stringify(problems)}`, { cause: e });
    }
    await context.close();
  });
});

async function listPath(page: Page, problems: ConsoleProblem[]) {
  {

    await page.goto('/signup');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByLabel('Workspace name').fill(owner.workspace);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/**');

    const session = await call<{ accessToken: string }>('POST', '/auth/login', { email: owner.email, password: owner.password });
    const token = session.accessToken;
    await call('POST', '/custom-fields', { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'AMER'] }, token);
    for (const p of people) await call('POST', '/leads', { ...p, ...(p.company === 'Bletchley Park' ? { custom: { region: 'EMEA' } } : {}) }, token);

    // The leads table shows them, newest first; the invalid email is kept and flagged.
    await page.goto('/app/leads');
    await expectCount(rows(page), people.length);
    expect(await rows(page).first().getAttribute('data-email')).toBe('not-an-email');
    await rowOf(page, 'not-an-email').getByTestId('issue-flag').waitFor();

    // Lists: create one through the page.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Lists' }).click();
    await page.waitForURL('**/app/lists');
    await page.getByTestId('lists-empty').waitFor();
    await page.getByTestId('new-list').click();
    const listDialog = page.getByRole('dialog', { name: 'New list' });
    await listDialog.getByLabel('Name').fill('Codebreakers');
    await listDialog.getByLabel('Description').fill('People who broke codes');
    await listDialog.getByTestId('list-form-submit').click();
    await listDialog.waitFor({ state: 'detached' });
    const listRow = page.locator('[data-testid="list-row"][data-list-name="Codebreakers"]');
    await listRow.waitFor();
    expect(await listRow.getByTestId('list-lead-count').textContent()).toBe('0');
    expect(await listRow.getByTestId('list-description').textContent()).toBe('People who broke codes');

    // Make it private (no chosen members: only its creator and the admins see it).
    await listRow.getByTestId('list-actions').click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit list' });
    await editDialog.getByText('Only chosen members').click();
    await editDialog.getByLabel('Members who can see it').waitFor();
    await editDialog.getByTestId('list-form-submit').click();
    await editDialog.waitFor({ state: 'detached' });
    await listRow.getByTestId('list-private').waitFor();

    // Add leads to it: select two rows in the table, "Add to list".
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Leads' }).click();
    await expectCount(rows(page), people.length);
    await rowOf(page, 'alan@bletchley.example').getByTestId('select-lead').check();
    await rowOf(page, 'joan@bletchley.example').getByTestId('select-lead').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 leads selected');
    await page.getByTestId('bulk-add-list').click();
    await page.getByTestId('bulk-list-select').click();
    await page.getByRole('option', { name: 'Codebreakers' }).click();
    await page.getByTestId('bulk-add-list-apply').click();
    await page.getByText('Added 2 leads to Codebreakers').waitFor();
    await page.getByTestId('bulk-clear').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });

    // The list shows its count; clicking it opens the table filtered by the list.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Lists' }).click();
    await expectText(listRow.getByTestId('list-lead-count'), '2');
    await listRow.getByTestId('list-link').click();
    await page.waitForURL((u) => u.pathname === '/app/leads' && !!u.searchParams.get('list'));
    await expectCount(rows(page), 2);
    expect((await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-email')))).sort()).toEqual(['alan@bletchley.example', 'joan@bletchley.example']);
    await page.getByRole('heading', { name: 'Codebreakers' }).waitFor();
    await page.screenshot({ path: screenshotPath('leads-list'), fullPage: true });

    // Bulk-tag every lead of the list page, then filter the whole table by that tag.
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-tag').click();
    await page.getByTestId('bulk-tag-input').fill('enigma');
    await page.getByTestId('bulk-tag-apply').click();
    await page.getByText('Tagged 2 leads “enigma”').waitFor();
    await expectCount(page.locator('[data-testid="lead-tag"]', { hasText: 'enigma' }), 2);
    const tagged = await call<{ items: LeadRow[] }>('GET', '/leads?tag=enigma', undefined, token);
    expect(tagged.items.map((l) => l.email).sort()).toEqual(['alan@bletchley.example', 'joan@bletchley.example']);
    await page.getByTestId('bulk-clear').click();

    await page.goto('/app/leads');
    await expectCount(rows(page), people.length);
    await addFilter(page, 'Tags', 'has', async (value) => value.fill('enigma'));
    await page.waitForURL((u) => !!u.searchParams.get('f'));
    await expectCount(rows(page), 2);
    await page.getByTestId('filter-chip').filter({ hasText: 'Tags has enigma' }).waitFor();
    // Removing the chip brings everyone back.
    await page.getByTestId('filter-chip').getByRole('button', { name: 'Remove this filter' }).click();
    await expectCount(rows(page), people.length);

    // Stage through the bulk bar, then a stage filter.
    await rowOf(page, 'ada@analytical.example').getByTestId('select-lead').check();
    await page.getByTestId('bulk-stage').click();
    await page.getByTestId('bulk-stage-select').click();
    await page.getByRole('option', { name: 'MQL' }).click();
    await page.getByTestId('bulk-stage-apply').click();
    await page.getByText('Moved 1 lead to MQL').waitFor();
    await page.getByTestId('bulk-clear').click();
    await addFilter(page, 'Stage', 'is any of', async (value) => {
      await value.click();
      await page.getByRole('option', { name: 'MQL' }).click();
    });
    await expectCount(rows(page), 1);
    expect(await rows(page).first().getAttribute('data-email')).toBe('ada@analytical.example');
    await page.getByTestId('filter-chip').filter({ hasText: 'Stage is any of MQL' }).waitFor();

    // The drawer: edit a field by hand, its source becomes "manual"; notes; activity; lists.
    await rows(page).first().click();
    await page.waitForURL(/\/app\/leads\/[0-9a-f-]{36}/);
    const drawer = page.getByTestId('lead-drawer');
    await drawer.getByTestId('lead-title').filter({ hasText: 'Ada Lovelace' }).waitFor();
    const titleField = drawer.locator('[data-testid="lead-field"][data-field="title"]');
    expect(await titleField.getByTestId('provenance').getAttribute('data-source-kind')).toBe('manual');
    await titleField.getByTestId('lead-field-value').click();
    await titleField.getByTestId('edit-title').fill('First Programmer');
    await titleField.getByTestId('edit-title').press('Enter');
    await titleField.getByTestId('lead-field-value').filter({ hasText: 'First Programmer' }).waitFor();
    const adaId = page.url().split('/').pop()!.split('?')[0]!;
    const ada = await call<LeadRow & { provenance: Record<string, { source: { kind: string } }> }>('GET', `/leads/${adaId}`, undefined, token);
    expect(ada.title).toBe('First Programmer');
    expect(ada.provenance.title?.source.kind).toBe('manual');

    await drawer.getByRole('tab', { name: 'Notes' }).click();
    await drawer.getByTestId('note-input').fill('Met at the Analytical Society dinner');
    await drawer.getByTestId('note-add').click();
    await drawer.getByTestId('note').filter({ hasText: 'Met at the Analytical Society dinner' }).waitFor();
    expect(await drawer.getByTestId('note').first().textContent()).toContain(owner.name);

    await drawer.getByRole('tab', { name: 'Activity' }).click();
    await drawer.locator('[data-testid="activity"][data-type="fields_changed"]').waitFor();
    await drawer.locator('[data-testid="activity"][data-type="stage_changed"]').waitFor();
    await drawer.locator('[data-testid="activity"][data-type="created"]').waitFor();

    await drawer.getByRole('tab', { name: /Lists/ }).click();
    await drawer.getByTestId('lead-add-list').click();
    await page.getByRole('option', { name: 'Codebreakers' }).click();
    await drawer.locator('[data-testid="lead-list"][data-list-name="Codebreakers"]').waitFor();
    await page.screenshot({ path: screenshotPath('lead-drawer'), fullPage: true });
    await drawer.getByRole('button', { name: 'Close lead' }).click();
    await page.waitForURL((u) => u.pathname === '/app/leads');

    // A custom field as a column: chosen in the column chooser, remembered after a reload.
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-chooser-dropdown').getByRole('checkbox', { name: 'Region' }).check();
    await page.keyboard.press('Escape');
    // A fresh load of the unfiltered table (the stage filter is still in this URL).
    await page.goto('/app/leads');
    await page.getByRole('columnheader', { name: 'Region' }).waitFor();
    expect(await rowOf(page, 'alan@bletchley.example').textContent()).toContain('EMEA');

    // The flagged email shows in the drawer as flagged.
    await page.goto(`/app/leads`);
    await rowOf(page, 'not-an-email').click();
    await page.getByTestId('lead-issues').waitFor();
    expect(await page.getByTestId('lead-issues').textContent()).toContain('email');
    await page.getByRole('button', { name: 'Close lead' }).click();
    await page.waitForURL((u) => u.pathname === '/app/leads');

    await trashAndRestore(page);
    await searchAndViews(page);
    await mergeDuplicates(page, token);
    await exportCsv(page);

    expect(problems).toEqual([]);
  }
}

/** Bulk delete sends a lead to the trash; the trash shows it and restores it. */
async function trashAndRestore(page: Page) {
  await rowOf(page, 'not-an-email').getByTestId('select-lead').check();
  await page.getByTestId('bulk-delete').click();
  await page.getByTestId('confirm-action').click();
  await page.getByText('Deleted 1 lead').waitFor();
  await expectCount(rows(page), people.length - 1);
  // The switch follows the URL (?trash=1), a render after the click: click, then wait for both.
  await page.getByTestId('leads-trash').click();
  await page.waitForURL((u) => u.searchParams.get('trash') === '1');
  await expect.poll(() => page.getByTestId('leads-trash').isChecked(), { timeout: 30_000 }).toBe(true);
  await expectCount(rows(page), 1);
  await rowOf(page, 'not-an-email').getByTestId('select-lead').check();
  await page.getByTestId('bulk-restore').click();
  await page.getByText('Restored 1 lead').waitFor();
  await page.getByTestId('leads-empty').filter({ hasText: 'The trash is empty' }).waitFor();
  await page.getByTestId('leads-trash').click();
  await page.waitForURL((u) => u.searchParams.get('trash') === null);
  await expectCount(rows(page), people.length);
}

/** Quick search, the count, and a saved view used as a segment. */
async function searchAndViews(page: Page) {
  await expectText(page.getByTestId('leads-count'), `${people.length} leads`);
  await page.getByTestId('lead-search').fill('turing');
  await page.waitForURL((u) => u.searchParams.get('q') === 'turing');
  await expectCount(rows(page), 1);
  expect(await rows(page).first().getAttribute('data-email')).toBe('alan@bletchley.example');
  await expectText(page.getByTestId('leads-count'), '1 lead');
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expectCount(rows(page), people.length);

  // Save "tag has enigma" as a view, leave it, come back to it through the menu.
  await addFilter(page, 'Tags', 'has', async (value) => value.fill('enigma'));
  await expectCount(rows(page), 2);
  await page.getByTestId('saved-views').click();
  await page.getByTestId('save-view').click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByLabel('View name').fill('Enigma team');
  await dialog.getByTestId('save-view-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForURL((u) => !!u.searchParams.get('view') && !u.searchParams.get('f'));
  await expectCount(rows(page), 2);
  await expect.poll(() => page.getByTestId('saved-views').textContent(), { timeout: 30_000 }).toContain('Enigma team');
  await page.goto('/app/leads');
  await expectCount(rows(page), people.length);
  await page.getByTestId('saved-views').click();
  await page.getByTestId('saved-view').filter({ hasText: 'Enigma team' }).click();
  await expectCount(rows(page), 2);
  await page.goto('/app/leads');
  await expectCount(rows(page), people.length);
}

/** Two leads with the same LinkedIn profile: merge them from the duplicates screen, undo, merge again. */
async function mergeDuplicates(page: Page, token: string) {
  const linkedin = 'https://www.linkedin.com/in/charles-babbage';
  const original = (await call<{ items: LeadRow[] }>('GET', '/leads?q=charles@analytical.example', undefined, token)).items[0]!;
  await call('PATCH', `/leads/${original.id}`, { linkedin_url: linkedin }, token);
  const copy = await call<LeadRow>('POST', '/leads', { email: 'c.babbage@difference.example', full_name: 'Charles Babbage', title: 'Inventor', linkedin_url: 'linkedin.com/in/Charles-Babbage/' }, token);

  await page.getByTestId('open-duplicates').click();
  await page.waitForURL('**/app/leads/duplicates');
  const group = page.locator('[data-testid="duplicate-group"]', { hasText: 'charles-babbage' });
  await group.waitFor();
  expect(await group.getByTestId('duplicate-lead').count()).toBe(2);
  await group.getByTestId('merge-open').click();
  const dialog = page.getByRole('dialog', { name: 'Merge duplicates' });
  // The oldest lead stays by default; the copy's title wins.
  const title = dialog.locator('[data-testid="merge-field"][data-field="title"]');
  await title.getByRole('radio', { name: 'Title: Inventor' }).check();
  await page.screenshot({ path: screenshotPath('lead-merge'), fullPage: true });
  await dialog.getByTestId('merge-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('merge-done').waitFor();
  await page.getByTestId('duplicates-empty').waitFor();

  const merged = await call<LeadRow>('GET', `/leads/${original.id}`, undefined, token);
  expect(merged.title).toBe('Inventor');
  expect(merged.email).toBe('charles@analytical.example');
  const after = await call<{ items: LeadRow[] }>('GET', '/leads?limit=200', undefined, token);
  expect(after.items.some((l) => l.id === copy.id)).toBe(false);

  // Undo brings the copy back and the survivor's title with it.
  await page.getByTestId('merge-undo').click();
  await page.getByText('Merge undone').waitFor();
  await group.waitFor();
  expect((await call<LeadRow>('GET', `/leads/${original.id}`, undefined, token)).title).toBe('Founder');
  expect((await call<LeadRow>('GET', `/leads/${copy.id}`, undefined, token)).email).toBe('c.babbage@difference.example');

  // Merge for good, keeping the survivor's own values.
  await group.getByTestId('merge-open').click();
  await dialog.getByTestId('merge-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('duplicates-empty').waitFor();
  expect((await call<LeadRow>('GET', `/leads/${original.id}`, undefined, token)).title).toBe('Founder');
}

/** Export the list's leads to CSV with chosen columns in a chosen order, and download the file. */
async function exportCsv(page: Page) {
  await page.getByTestId('app-navbar').getByRole('link', { name: 'Lists' }).click();
  await page.locator('[data-testid="list-row"][data-list-name="Codebreakers"]').getByTestId('list-link').click();
  await expectCount(rows(page), 3);
  await page.getByTestId('export-leads').click();
  const dialog = page.getByRole('dialog', { name: 'Export leads' });
  await dialog.getByRole('radio', { name: 'Every lead of this list' }).check();
  // Keep email, then Name, then Tags: untick everything else, move Name after email.
  // The dialog starts from the table's columns, the Region custom field chosen earlier included.
  for (const id of ['id', 'company', 'title', 'stage', 'created_at', 'custom.region']) {
    await dialog.locator(`[data-testid="export-column"][data-column="${id}"]`).getByRole('checkbox').click();
  }
  await dialog.getByRole('button', { name: 'Move Email up' }).click();
  expect(await dialog.getByTestId('export-column').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')))).toEqual(['email', 'full_name', 'tags']);
  await dialog.getByTestId('export-start').click();
  await dialog.getByTestId('export-ready').waitFor({ timeout: 30_000 });
  expect(await dialog.getByTestId('export-ready').textContent()).toContain('3 leads');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  const path = await download.path();
  const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('email,full_name,tags');
  expect(lines.slice(1).sort()).toEqual([
    expect.stringMatching(/^ada@analytical\.example,Ada Lovelace,/),
    expect.stringMatching(/^alan@bletchley\.example,Alan Turing,.*enigma/),
    expect.stringMatching(/^joan@bletchley\.example,Joan Clarke,.*enigma/),
  ]);
  await page.screenshot({ path: screenshotPath('lead-export'), fullPage: true });
}

/** Opens the filter builder, sets one condition on `field` with `op`, applies it. */
async function addFilter(page: Page, field: string, op: string, fillValue: (value: Locator) => Promise<void>) {
  await page.getByTestId('filter-builder').click();
  const dropdown = page.getByTestId('filter-builder-dropdown');
  const rule = dropdown.getByTestId('filter-rule').last();
  await rule.getByTestId('filter-field').click();
  await rule.getByTestId('filter-field').fill(field);
  await dropdown.getByRole('option', { name: field, exact: true }).click();
  await rule.getByTestId('filter-op').click();
  await dropdown.getByRole('option', { name: op, exact: true }).click();
  await fillValue(rule.getByTestId('filter-value'));
  await dropdown.getByTestId('filter-apply').click();
  await dropdown.waitFor({ state: 'hidden' });
}

async function expectCount(locator: Locator, n: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} of ${locator.toString()}, found ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectText(locator: Locator, expected: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while ((seen = (await locator.textContent())?.trim() ?? null) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected ${locator.toString()} to read "${expected}", it reads "${seen}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
