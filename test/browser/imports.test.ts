/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  ensureWebBuilt,
  launchBrowser,
  screenshotPath,
  startServer,
  watchPage,
  type ConsoleProblem,
  type RunningServer,
} from './helpers.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';

/**
 * The import wizard end to end, through the real server and a real browser: a messy file
 * (semicolon-delimited Windows-1252 CSV with French headers, a quoted multi-line cell, an
 * invalid email, a row with nothing identifying, a duplicate row) is dropped, its suggested
 * mapping checked and changed, imported into a new list with a tag, followed to the end; the
 * summary, error report, history and undo are checked against the API. Refused files show the
 * server's reason. Runs on the embedded database, and on PostgreSQL with TEST_DATABASE_URL.
 */

const owner = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compilers-are-friends-1952', workspace: 'Harvard Mark I' };
const UPLOAD_LIMIT = 64 * 1024;
const adminUrl = process.env.TEST_DATABASE_URL;

const MESSY_LINES = [
  'Prénom;Nom;Adresse e-mail;Société;Téléphone;Ville;Fonction;Commentaire',
  'Amélie;Dupré;amelie.dupre@exemple.fr;Société Générale Études;+33 1 42 00 00 01;Paris;Directrice commerciale;"Rencontrée au salon,\r\nà relancer en mars"',
  'François;Lefèvre;francois.lefevre@exemple.fr;Crédit Agricole;+33 4 72 00 00 02;Lyon;Acheteur;RAS',
  'Zoé;Müller;pas-une-adresse;Café Noir;;Lille;Gérante;adresse à vérifier',
  'François;Lefèvre;FRANCOIS.LEFEVRE@exemple.fr;Crédit Agricole;+33 4 72 00 00 02;Lyon;Acheteur;doublon',
  ';;;;;Nantes;;ligne sans contact',
  'Hélène;Garçon;helene.garcon@exemple.fr;Bâtiment & Cie;+33 5 56 00 00 03;Bordeaux;Responsable achats;',
];
const messyCsv = iconv.encode(MESSY_LINES.join('\r\n') + '\r\n', 'win1252');

const expectedNoSession = (p: ConsoleProblem) => p.kind === 'console' && /\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401');
// Refused uploads answer 400 / 413 on purpose; Chromium logs them as failed resources.
const expectedRefusal = (p: ConsoleProblem) => p.kind === 'console' && /Failed to load resource: the server responded with a status of (400|413)/.test(p.text);

let server: RunningServer;
let browser: Browser;
let database: { url: string; drop(): Promise<void> } | undefined;
let world: MailWorld;

beforeAll(async () => {
  ensureWebBuilt();
  world = await startMailWorld(); // the DNS (and mail servers) "verify emails after import" talks to
  database = adminUrl ? await createTestDatabase(adminUrl) : undefined;
  server = await startServer({
    databaseUrl: database?.url,
    env: {
      LEADFORGE_IMPORT_MAX_BYTES: String(UPLOAD_LIMIT),
      LEADFORGE_DNS_SERVERS: world.dnsServer,
      LEADFORGE_SMTP_PORT: String(world.port),
      LEADFORGE_SMTP_TIMEOUT_MS: '1000',
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
  return { context, page, problems: watchPage(page, (p) => expectedNoSession(p) || expectedRefusal(p)) };
}

async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Lead {
  id: string;
  email: string | null;
  first_name: string | null;
  company: string | null;
  notes: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  issues: Record<string, string>;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
const mappingRow = (page: Page, header: string) => page.locator(`[data-testid="mapping-row"][data-header="${header}"]`);

/** Drops `bytes` as `name` on the drop zone, as a file dragged from the desktop would be. */
async function dropFile(page: Page, name: string, bytes: Buffer, type = 'text/csv') {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64, type }) => {
      const raw = atob(b64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { name, b64: bytes.toString('base64'), type },
  );
  const zone = page.getByTestId('import-dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** Picks a file through the drop zone's file input (the "click to choose" path). */
const pickFile = (page: Page, name: string, bytes: Buffer, mimeType = 'text/csv') =>
  page.getByTestId('import-dropzone').locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: bytes });

describe('import wizard', () => {
  it('imports a messy French CSV into a new list, reports errors, shows it in the history, and undoes it', async () => {
    const { page, problems } = await newPage();

    await page.goto('/signup');
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByLabel('Workspace name').fill(owner.workspace);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/**');
    const session = await call<{ accessToken: string }>('POST', '/auth/login', undefined, { email: owner.email, password: owner.password });
    const token = session.accessToken;

    await page.getByTestId('app-navbar').getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL('**/app/imports');
    await page.getByTestId('imports-empty').waitFor();
    await page.getByTestId('new-import').first().click();
    await page.waitForURL('**/app/imports/new');

    // Refused files: the server's reason, in words, and the drop zone stays for another try.
    const refusals: [string, Buffer, RegExp][] = [
      ['empty.csv', Buffer.alloc(0), /empty|no rows/i],
      ['header-only.csv', Buffer.from('Email;First name;Company\r\n'), /header row but no data rows/i],
      ['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]), /binary|not a (CSV|text)/i],
      ['huge.csv', Buffer.from('Email\n' + 'someone@example.com\n'.repeat(Math.ceil(UPLOAD_LIMIT / 20) + 10)), /larger than the 64 kB limit/i],
    ];
    for (const [name, bytes, reason] of refusals) {
      await pickFile(page, name, bytes);
      const alert = page.getByTestId('form-error').filter({ hasText: `${name} cannot be imported` });
      await alert.waitFor();
      expect(await alert.textContent(), name).toMatch(reason);
      await expect.poll(() => page.getByTestId('import-dropzone').isVisible()).toBe(true);
    }
    await page.screenshot({ path: screenshotPath('import-refused'), fullPage: true });

    // Drop the messy file: the preview shows what was detected and the multi-line cell.
    await dropFile(page, 'contacts-salon.csv', messyCsv);
    await page.getByTestId('preview-step').waitFor();
    expect(await text(page, 'file-encoding')).toBe('windows-1252');
    expect(await text(page, 'file-delimiter')).toBe('semicolon-separated');
    expect(await page.getByLabel('The first row holds the column names').isChecked()).toBe(true);
    expect(await page.getByTestId('preview-header').allTextContents()).toEqual(['Prénom', 'Nom', 'Adresse e-mail', 'Société', 'Téléphone', 'Ville', 'Fonction', 'Commentaire']);
    expect(await page.getByTestId('preview-row').count()).toBe(6);
    expect(await page.getByTestId('preview-row').first().textContent()).toContain('à relancer en mars');
    await page.screenshot({ path: screenshotPath('import-preview'), fullPage: true });

    // The suggested mapping, with confidence; then one change: the comments become a custom field.
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('mapping-step').waitFor();
    const suggested = Object.fromEntries(
      await Promise.all(
        (await page.getByTestId('mapping-row').all()).map(async (row) => [await row.getAttribute('data-header'), await row.getAttribute('data-field')] as const),
      ),
    );
    expect(suggested).toEqual({
      Prénom: 'first_name',
      Nom: 'last_name',
      'Adresse e-mail': 'email',
      Société: 'company',
      Téléphone: 'phone',
      Ville: 'city',
      Fonction: 'title',
      Commentaire: 'notes',
    });
    expect(await mappingRow(page, 'Adresse e-mail').getByTestId('mapping-confidence').getAttribute('data-level')).toBe('high');
    expect(await mappingRow(page, 'Nom').getByTestId('mapping-confidence').getAttribute('data-level')).toBe('medium');
    expect(await page.getByTestId('mapping-remembered').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Import "Commentaire" as' }).click();
    await page.getByRole('option', { name: 'New custom field "commentaire"' }).click();
    expect(await mappingRow(page, 'Commentaire').getAttribute('data-field')).toBe('custom.commentaire');
    expect(await mappingRow(page, 'Commentaire').getByTestId('mapping-confidence').getAttribute('data-level')).toBe('manual');
    // A field already taken by another column cannot be picked twice.
    await page.getByRole('combobox', { name: 'Import "Ville" as' }).click();
    expect(await page.getByRole('option', { name: /^Email — used by "Adresse e-mail"/ }).getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('import-mapping'), fullPage: true });

    // Options: a new list and a tag; the start button waits for the list's name.
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('options-step').waitFor();
    await page.getByTestId('list-kind').getByText('A new list').click();
    expect(await page.getByTestId('start-import').isDisabled()).toBe(true);
    expect(await text(page, 'step-problem')).toBe('Name the new list.');
    await page.getByLabel('New list name').fill('Salon Lyon 2026');
    await page.getByRole('combobox', { name: 'Tags to add' }).fill('salon-2026');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('radio', { name: 'Skip them' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Email address' }).isChecked()).toBe(true);
    // The repeated François row: its values win over the first one's; then verify the emails (no SMTP).
    expect(await page.getByRole('radio', { name: 'Keep the first row' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Combine: later rows win' }).check();
    await page.getByLabel('Verify emails after the import').check();
    await page.getByLabel('Skip the mail-server check (SMTP)').check();
    await page.screenshot({ path: screenshotPath('import-options'), fullPage: true });
    await page.getByTestId('start-import').click();

    // Progress to the end, then the summary.
    await page.getByTestId('import-result').waitFor();
    await page.locator('[data-testid="import-result"][data-status="completed"]').waitFor({ timeout: 60_000 });
    const counts = Object.fromEntries(
      await Promise.all(['total', 'created', 'updated', 'skipped', 'invalid', 'duplicates'].map(async (k) => [k, await text(page, `import-count-${k}`)] as const)),
    );
    expect(counts).toEqual({ total: '6', created: '4', updated: '0', skipped: '0', invalid: '1', duplicates: '1' });
    // The verification of the three addresses (Zoé's is not one) runs after it, in the summary.
    const verified = page.locator('[data-testid="import-verify"][data-status="completed"]');
    await verified.waitFor({ timeout: 60_000 });
    const byStatus = await Promise.all(['valid', 'invalid', 'risky', 'unknown'].map(async (k) => Number(await text(page, `import-verify-${k}`))));
    expect(byStatus.reduce((a, b) => a + b, 0)).toBe(3);
    await page.screenshot({ path: screenshotPath('import-summary'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-report').click()]);
    expect(download.suggestedFilename()).toMatch(/^import-[0-9a-f-]+-errors\.csv$/);
    const report = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(report[0]).toBe('row,column,value,problem');
    expect(report).toHaveLength(2);
    expect(report[1]).toMatch(/^7,,,"A lead needs at least one of: email/); // line 7: the multi-line cell takes lines 2–3

    // The leads, as the API sees them: decoded accents, the multi-line cell in the custom field, the tag, the list.
    const lists = await call<{ items: { id: string; name: string; leadCount: number }[] }>('GET', '/lists', token);
    const list = lists.items.find((l) => l.name === 'Salon Lyon 2026');
    expect(list?.leadCount).toBe(4);
    const inList = await call<{ items: Lead[] }>('GET', `/leads?list_id=${list!.id}&limit=50`, token);
    expect(inList.items.map((l) => l.first_name).sort()).toEqual(['Amélie', 'François', 'Hélène', 'Zoé']);
    const amelie = inList.items.find((l) => l.first_name === 'Amélie')!;
    expect(amelie.company).toBe('Société Générale Études');
    expect(amelie.notes).toBeNull();
    expect(String(amelie.custom.commentaire)).toMatch(/^Rencontrée au salon,\r?\nà relancer en mars$/);
    expect(amelie.tags).toContain('salon-2026');
    const zoe = inList.items.find((l) => l.first_name === 'Zoé')!;
    expect(zoe.email).toBe('pas-une-adresse');
    const francois = inList.items.find((l) => l.first_name === 'François')!;
    expect(francois.custom.commentaire).toBe('doublon'); // the later row won
    expect((francois as unknown as { email_status: string | null }).email_status).not.toBeNull();
    expect(Object.keys(zoe.issues)).toContain('email');

    // The history shows it; its detail shows the mapping; undo removes the leads.
    await page.getByTestId('import-history-link').click();
    await page.waitForURL(/\/app\/imports$/);
    const row = page.getByTestId('import-row').first();
    await row.waitFor();
    expect(await page.getByTestId('import-row').count()).toBe(1);
    expect(await row.getByTestId('import-link').textContent()).toBe('contacts-salon.csv');
    expect(await row.getByTestId('row-created').textContent()).toBe('4');
    expect(await row.getByTestId('import-status').getAttribute('data-status')).toBe('completed');
    expect(await row.textContent()).toContain(owner.name);
    await page.screenshot({ path: screenshotPath('import-history'), fullPage: true });

    await row.getByTestId('import-link').click();
    await page.getByTestId('import-detail').waitFor();
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-mapping-row').filter({ hasText: 'Commentaire' }).textContent()).toContain('(custom)');
    // Someone edits Zoé after the import: undo leaves her and says so.
    await call('PATCH', `/leads/${zoe.id}`, token, { title: 'Gérante associée' });
    await page.getByTestId('undo-import').click();
    await page.getByRole('dialog', { name: 'Undo this import?' }).getByTestId('confirm-action').click();
    await page.getByTestId('undo-report').waitFor();
    expect(await text(page, 'undo-summary')).toBe('3 leads removed, 0 leads restored. 1 lead changed by someone since the import was left as it is:');
    expect(await page.getByTestId('undo-kept').getByRole('link').allTextContents()).toEqual([zoe.id]);
    await page.locator('[data-testid="import-status"][data-status="undone"]').waitFor();
    expect(await page.getByTestId('undo-import').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('import-undone'), fullPage: true });

    const after = await call<{ items: Lead[] }>('GET', '/leads?limit=50', token);
    expect(after.items.map((l) => l.id)).toEqual([zoe.id]);

    // The same columns again: the mapping used last time is proposed, and said so.
    await page.goto('/app/imports/new');
    await dropFile(page, 'contacts-salon-2.csv', messyCsv);
    await page.getByTestId('preview-step').waitFor();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('mapping-remembered').waitFor();
    expect(await mappingRow(page, 'Commentaire').getAttribute('data-field')).toBe('custom.commentaire');

    // A workbook: the first sheet is previewed, another can be picked, and the header row turned off.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Summary').addRows([['Quarter', 'Total'], ['Q1', 12]]);
    workbook.addWorksheet('Contacts').addRows([['Email', 'Company'], ['ada@example.com', 'Analytical Engines'], ['alan@example.com', 'Bletchley Park']]);
    await page.goto('/app/imports/new');
    await pickFile(page, 'workbook.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await page.getByTestId('preview-step').waitFor();
    expect(await text(page, 'file-format')).toBe('XLSX');
    expect(await page.getByTestId('preview-header').allTextContents()).toEqual(['Quarter', 'Total']);
    await page.getByRole('combobox', { name: 'Sheet' }).click();
    await page.getByRole('option', { name: 'Contacts' }).click();
    await expect.poll(() => page.getByTestId('preview-header').allTextContents()).toEqual(['Email', 'Company']);
    expect(await page.getByTestId('preview-row').count()).toBe(2);
    await page.getByLabel('The first row holds the column names').click();
    await page.getByTestId('no-header-note').waitFor();
    await expect.poll(() => page.getByTestId('preview-header').allTextContents()).toEqual(['Column 1', 'Column 2']);
    expect(await page.getByTestId('preview-row').count()).toBe(3);
    await page.screenshot({ path: screenshotPath('import-xlsx-preview'), fullPage: true });

    expect(problems).toEqual([]);
  });
});
