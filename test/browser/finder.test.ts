import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFinderWorld, type FinderWorld } from '../finderworld/world.js';
import { COMPANIES } from '../finder/world-companies.js';
import { createTestDatabase, ensureWebBuilt, launchBrowser, screenshotPath, startServer, watchPage, type ConsoleProblem, type RunningServer } from './helpers.js';

/**
 * The finder's UI through the real server and a real browser, the server pointed at the loopback
 * finder world (test/finderworld) through LEADFORGE_DNS_SERVERS and LEADFORGE_SMTP_PORT.
 * Embedded database by default; a fresh PostgreSQL database with TEST_DATABASE_URL.
 */

const owner = { name: 'Katherine Johnson', email: 'katherine@example.com', password: 'trajectories-1961', workspace: 'Langley' };
const adminUrl = process.env.TEST_DATABASE_URL;
const expectedProblem = (p: ConsoleProblem) => p.kind === 'console' && /\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401');

let world: FinderWorld;
let server: RunningServer;
let browser: Browser;
let database: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  world = await startFinderWorld(COMPANIES);
  if (adminUrl) database = await createTestDatabase(adminUrl);
  server = await startServer({
    databaseUrl: database?.url,
    env: { LEADFORGE_DNS_SERVERS: world.dnsServer, LEADFORGE_SMTP_PORT: String(world.port), LEADFORGE_SMTP_TIMEOUT_MS: '2000' },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
  await world?.close();
});

/** JSON call to the API (the test's side door for setup and for checking what the UI did). */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
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

describe('finder UI', () => {
  it('finds one person with the why, then runs a bulk find to the end with counts, filter and export', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems = watchPage(page, expectedProblem);
    try {
      await signUp(page);
      await page.getByRole('link', { name: 'Find' }).click();
      await page.waitForURL('**/app/find');

      // One person.
      await page.getByTestId('find-first').fill('José');
      await page.getByTestId('find-last').fill('Núñez');
      await page.getByTestId('find-company').fill('acme.test');
      await page.getByTestId('find-submit').click();
      const result = page.getByTestId('find-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('valid');
      expect(await page.getByTestId('find-result-email').textContent()).toBe('jose.nunez@acme.test');
      expect(await page.getByTestId('find-result-reason').textContent()).toContain('accepted this address');
      expect(await page.getByTestId('find-result-pattern').textContent()).toContain('{first}.{last}');

      // Many people, pasted.
      await page.getByTestId('find-tab-bulk').click();
      await page.getByTestId('bulk-find-text').fill('first_name,last_name,domain\nGrace,Hopper,acme.test\nMonty,Power,globex.test\nGavin,Belson,hooli.test\nNo,Body,acme.test\n');
      await page.getByTestId('bulk-find-start-button').click();
      const run = page.getByTestId('bulk-find-run');
      await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
      await expect.poll(() => page.getByTestId('bulk-find-count-valid').textContent()).toBe('2');
      expect(await page.getByTestId('bulk-find-count-risky').textContent()).toBe('1');
      expect(await page.getByTestId('bulk-find-count-not_found').textContent()).toBe('1');
      await expect.poll(() => page.getByTestId('bulk-find-row').count()).toBe(4);

      await page.getByTestId('bulk-find-filter').getByText('Found', { exact: true }).click();
      await expect.poll(() => page.getByTestId('bulk-find-row').count()).toBe(2);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-find-export').click()]);
      const csv = await download.createReadStream().then(async (s) => {
        let text = '';
        for await (const chunk of s) text += String(chunk);
        return text;
      });
      expect(csv).toContain('grace.hopper@acme.test');
      expect(csv.split('\r\n')[0]).toMatch(/^row,first_name,last_name/);
      expect(await page.getByTestId('bulk-find-history').locator('tr').count()).toBe(1);
      expect(problems).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('finder-failure'), fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
  it('finds emails for leads picked in the leads table and saves them onto the leads', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems = watchPage(page, expectedProblem);
    try {
      const session = await call<{ accessToken: string }>('POST', '/auth/login', { email: owner.email, password: owner.password });
      const token = session.accessToken;
      const people = [
        { first_name: 'Peter', last_name: 'Gibbons', company_domain: 'initech.test' },
        { first_name: 'Samir', last_name: 'Nagheenanajar', company_domain: 'initech.test' },
      ];
      const leads = [];
      for (const p of people) leads.push(await call<{ id: string }>('POST', '/leads', p, token));

      await page.goto('/login');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
      await page.getByRole('button', { name: /sign in|log in/i }).click();
      await page.waitForURL('**/app/**');
      await page.getByRole('link', { name: 'Leads' }).click();
      await page.waitForURL('**/app/leads**');
      for (const lead of leads) await page.locator(`[data-testid="lead-row"][data-lead-id="${lead.id}"]`).getByTestId('select-lead').check();
      await page.getByTestId('bulk-find-emails').click();
      await page.getByTestId('bulk-find-emails-confirm').click();
      await page.waitForURL('**/app/find?tab=bulk&job=*');
      const run = page.getByTestId('bulk-find-run');
      await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
      await expect.poll(() => page.getByTestId('bulk-find-count-valid').textContent()).toBe('2');
      const saved = await Promise.all(leads.map((l) => call<{ email: string | null }>('GET', `/leads/${l.id}`, undefined, token)));
      expect(saved.map((l) => l.email).sort()).toEqual(['peter@initech.test', 'samir@initech.test']);
      expect(problems).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: screenshotPath('finder-leads-failure'), fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});
