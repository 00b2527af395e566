import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchBrowser, screenshotPath, startServer, watchPage, type ConsoleProblem, type RunningServer } from './helpers.js';

/**
 * The Foundation flow through the real server and a real browser: sign up, the app shell,
 * API keys, invitations, email verification, log out / log in, and accepting an invitation.
 */

const owner = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-1843', workspace: 'Analytical Engines' };
const invitee = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-a0-1952!' };

// Opening the app without a session asks /auth/refresh, which answers 401: Chromium logs that.
const expectedNoSession = (p: ConsoleProblem) =>
  p.kind === 'console' && /\/api\/v1\/auth\/refresh$/.test(p.url ?? '') && p.text.includes('401');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: ConsoleProblem[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, problems: watchPage(page, expectedNoSession) };
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

async function pickOption(page: Page, label: string, option: string, scope = page.locator('body')) {
  await scope.getByLabel(label).click();
  await page.getByRole('option', { name: option }).click();
}

describe('foundation UI', () => {
  let apiKey = '';

  it('signs up, creates an API key, invites a member, logs out and back in', async () => {
    const { context, page, problems } = await newPage();

    // Sign up: lands in the app shell, in the new workspace, with the verification banner.
    await page.goto('/signup');
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await page.screenshot({ path: screenshotPath('signup') });
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByLabel('Workspace name').fill(owner.workspace);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/app/leads');
    await page.getByTestId('leads-page').waitFor();
    expect(await text(page, 'current-workspace-name')).toBe(owner.workspace);
    await page.getByTestId('verify-email-banner').waitFor();
    for (const item of ['Leads', 'Lists', 'Imports', 'Verify', 'Find', 'Jobs', 'Credits', 'Settings']) {
      expect(await page.getByTestId('app-navbar').getByRole('link', { name: item, exact: true }).count()).toBe(1);
    }
    await page.screenshot({ path: screenshotPath('app-shell'), fullPage: true });

    // Navigate by the navbar.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL('**/app/imports');
    await page.getByRole('heading', { name: 'Imports', level: 2 }).waitFor();

    // Settings → API keys: the key is shown once, works against the API, and is then only a prefix.
    await page.getByTestId('app-navbar').getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/app/settings/profile');
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.waitForURL('**/app/settings/api-keys');
    await page.getByTestId('no-api-keys').waitFor();
    const keyForm = page.getByTestId('create-api-key-form');
    await keyForm.getByLabel('Key name').fill('CRM sync');
    await pickOption(page, 'Role', 'Viewer', keyForm);
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    apiKey = (await text(page, 'new-api-key')) ?? '';
    expect(apiKey).toMatch(/^lf_\S{20,}$/);
    await page.getByRole('button', { name: 'Copy key' }).waitFor();
    await page.screenshot({ path: screenshotPath('api-key-created'), animations: 'disabled' });
    const asKey = await fetch(`${server.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(asKey.status).toBe(200);
    expect(((await asKey.json()) as { name: string }).name).toBe(owner.workspace);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    const keyRow = page.getByTestId('api-key-row').filter({ hasText: 'CRM sync' });
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain('Viewer');
    expect(await keyRow.textContent()).toContain(apiKey.slice(0, 'lf_'.length + 9)); // lf_<prefix>_
    expect(await page.getByText(apiKey).count()).toBe(0);

    // Settings → Members: invite by email, see the pending invitation.
    await page.getByRole('tab', { name: 'Members' }).click();
    await page.waitForURL('**/app/settings/members');
    expect(await page.getByTestId('member-row').filter({ hasText: owner.email }).textContent()).toContain('You');
    const inviteForm = page.getByTestId('invite-form');
    await inviteForm.getByLabel('Email').fill(invitee.email);
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
    const invitation = page.getByTestId('invitation-row').filter({ hasText: invitee.email });
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain('Member');
    await page.screenshot({ path: screenshotPath('members'), fullPage: true });

    // Audit log (admins): the invitation and the key are there, newest first.
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('audit-log'), fullPage: true });

    // The verification link from the (logged) mail confirms the address; the banner goes away.
    const verifyLink = server.lastMailedLink('/verify-email');
    expect(verifyLink).toBeTruthy();
    await page.goto(verifyLink!);
    await page.getByTestId('email-verified').waitFor();
    await page.getByRole('link', { name: 'Continue to Leadforge' }).click();
    await page.waitForURL('**/app/leads');
    await page.getByTestId('leads-page').waitFor();
    expect(await page.getByTestId('verify-email-banner').count()).toBe(0);

    // Log out: back to the log-in page, and the app is closed until we log in again.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.goto('/app/settings/members');
    await page.waitForURL((u) => u.pathname === '/login');

    // Log back in: straight back to the page we asked for, in the same workspace.
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/app/settings/members');
    expect(await text(page, 'current-workspace-name')).toBe(owner.workspace);
    await page.getByTestId('invitation-row').filter({ hasText: invitee.email }).waitFor();

    // A reload restores the session from the refresh cookie (no token in storage).
    await page.reload();
    await page.getByTestId('members-table').waitFor();
    expect(await text(page, 'current-workspace-name')).toBe(owner.workspace);
    const storage = (await page.evaluate('JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])')) as string;
    expect(storage).not.toContain('eyJ'); // no JWT kept in web storage

    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the invited person sign up from the invitation link and join the workspace', async () => {
    const { context, page, problems } = await newPage();
    const inviteLink = server.lastMailedLink('/invite/');
    expect(inviteLink).toBeTruthy();

    await page.goto(inviteLink!);
    await page.getByTestId('invitation').waitFor();
    await page.screenshot({ path: screenshotPath('invitation') });
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(`Join ${owner.workspace}`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL('**/signup?**');
    expect(await page.getByLabel('Work email').inputValue()).toBe(invitee.email);
    expect(await page.getByLabel('Workspace name').count()).toBe(0);
    await page.getByLabel('Your name').fill(invitee.name);
    await page.getByRole('textbox', { name: 'Password' }).fill(invitee.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    // Back on the invitation, now signed in: accept and land in the inviting workspace.
    await page.waitForURL((u) => u.pathname.startsWith('/invite/'));
    await page.getByRole('button', { name: `Accept and join ${owner.workspace}` }).click();
    await page.waitForURL('**/app/leads');
    expect(await text(page, 'current-workspace-name')).toBe(owner.workspace);
    expect(await page.getByTestId('workspace-switcher').textContent()).toContain('Member');

    // A member reads the members list but cannot change it; admin pages are not offered.
    await page.goto('/app/settings/members');
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByTestId('member-row').count()).toBe(2);
    expect(await page.getByTestId('invite-form').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
    await page.goto('/app/settings/api-keys');
    await page.getByTestId('role-gate').waitFor();

    // Their own workspace from sign-up is one switch away.
    await page.getByTestId('workspace-switcher').click();
    await page.getByRole('menuitem', { name: 'Create workspace' }).waitFor();
    const items = await page.getByRole('menuitem').allTextContents();
    expect(items.some((t) => t.startsWith(owner.workspace) && t.includes('Member'))).toBe(true);
    expect(items.some((t) => t.includes('Owner'))).toBe(true);
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
    await context.close();
  });
});
