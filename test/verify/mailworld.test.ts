import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { testConfig } from '../../src/core/config.js';
import type { Ctx } from '../../src/core/context.js';
import { silentLogger } from '../../src/core/logger.js';
import { verifierNetFor } from '../../src/adapters/smtp-probe/index.js';
import { verifyEmails, verifyResultCache, type VerifyResult } from '../../src/domains/verify/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSocks5Proxy } from '../mailworld/socks5-proxy.js';
import { startMailWorld, type MailWorld } from '../mailworld/world.js';

let world: MailWorld;
let db: TestDatabase;

function ctxFor(overrides: Parameters<MailWorld['verifyConfig']>[0] = {}): Ctx {
  const config = testConfig({ verify: world.verifyConfig(overrides) });
  return { db: db.database.db, inTransaction: false, config, log: silentLogger(), clock: systemClock, services: { mailer: undefined as never }, actor: { type: 'system' } };
}

async function verify(emails: string[], overrides: Parameters<MailWorld['verifyConfig']>[0] = {}, skipSmtp = false): Promise<VerifyResult[]> {
  const ctx = ctxFor(overrides);
  return verifyEmails(ctx, verifierNetFor(ctx.config), emails, { skipSmtp });
}

beforeAll(async () => {
  [world, db] = await Promise.all([startMailWorld(), createTestDatabase()]);
});
afterAll(async () => {
  await world?.close();
  await db?.cleanup();
});

describe('verify against the mail world', () => {
  it.each([
    ['alice@valid.test', 'valid', 'accepted'],
    ['nobody@valid.test', 'invalid', 'mailbox_not_found'],
    ['dora@valid.test', 'invalid', 'mailbox_disabled'],
    ['fred@valid.test', 'risky', 'mailbox_full'],
    ['tina@valid.test', 'unknown', 'smtp_tempfail'],
    ['info@valid.test', 'risky', 'role_account'],
    ['admin@valid.test', 'invalid', 'mailbox_not_found'],
    ['anyone@catchall.test', 'risky', 'catch_all'],
    ['bob@implicit.test', 'valid', 'accepted'],
    ['bob@nullmx.test', 'invalid', 'no_mail_server'],
    ['bob@nomail.test', 'invalid', 'no_mail_server'],
    ['bob@nowhere.test', 'invalid', 'domain_not_found'],
    ['bob@servfail.test', 'unknown', 'smtp_unreachable'],
    ['carol@fallback.test', 'valid', 'accepted'],
    ['carol@slowfirst.test', 'valid', 'accepted'],
    ['nobody@busyfirst.test', 'invalid', 'mailbox_not_found'],
    ['bob@tarpit.test', 'unknown', 'smtp_unreachable'],
    ['bob@busy.test', 'unknown', 'smtp_tempfail'],
    ['bob@blocked.test', 'unknown', 'blocked'],
    ['anyone@mailinator.com', 'risky', 'disposable'],
    ['"quoted"@valid.test', 'invalid', 'invalid_syntax'],
  ])('%s → %s %s', async (email, status, reason) => {
    const [r] = await verify([email]);
    expect({ status: r!.status, reason: r!.reason }).toEqual({ status, reason });
  });

  it('fills in checks, score and the normalized email', async () => {
    const [r] = await verify(['  Carol@Valid.TEST ']);
    expect(r).toMatchObject({ email: 'carol@valid.test', status: 'valid', score: 95, suggestion: null });
    expect(r!.checks).toEqual({
      syntax: true,
      domain: true,
      mx: [{ exchange: 'mx.valid.test', priority: 10 }],
      smtp: 'accepted',
      catchAll: false,
      disposable: false,
      role: false,
      free: false,
      gibberish: false,
      provider: null,
    });
  });

  it('flags gibberish, suggests typos and names providers from MX hosts', async () => {
    const [gib, typo, google] = await verify(['xk7q2m9z@valid.test', 'jane@gmial.com', 'alice@googlemx.test']);
    expect(gib).toMatchObject({ status: 'valid', checks: { gibberish: true } });
    expect(gib!.score).toBeLessThan(95);
    expect(typo).toMatchObject({ status: 'invalid', reason: 'domain_not_found', suggestion: 'jane@gmail.com' });
    expect(google).toMatchObject({ status: 'valid', checks: { provider: 'google' } });
  });

  it('retries a greylisted address after the greylist delay', async () => {
    const started = Date.now();
    const [r] = await verify(['alice@greylist.test']);
    expect(r).toMatchObject({ status: 'valid', reason: 'accepted' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const [forever] = await verify(['alice@greylist-forever.test']);
    expect(forever).toMatchObject({ status: 'unknown', reason: 'smtp_tempfail' });
  });

  it('skips SMTP when asked (and never probes a disposable domain)', async () => {
    const before = world.hosts['mx.catchall.test']!.stats.connections;
    const [skipped, disposable] = await verify(['someone@catchall.test', 'x@mailinator.com'], {}, true);
    expect(skipped).toMatchObject({ status: 'unknown', reason: 'smtp_skipped', checks: { smtp: 'skipped' } });
    expect(disposable).toMatchObject({ status: 'risky', reason: 'disposable' });
    await verify(['y@mailinator.com']);
    expect(world.hosts['mx.catchall.test']!.stats.connections).toBe(before);
  });

  it('opens a new connection after 452 too many recipients and gets an answer for every address', async () => {
    const host = world.hosts['mx.limited.test']!;
    const firstConnection = host.stats.rcptsPerConnection.length;
    const emails = ['alice', 'bob', 'carol', 'nobody1', 'nobody2', 'info', 'sales'].map((l) => `${l}@limited.test`);
    const results = await verify(emails);
    expect(results.map((r) => r.reason)).toEqual(['accepted', 'accepted', 'accepted', 'mailbox_not_found', 'mailbox_not_found', 'role_account', 'role_account']);
    // 3 accepted then 452 for nobody1, which goes first on the second connection (with the catch-all probe).
    expect(host.stats.rcptsPerConnection.slice(firstConnection)).toEqual([4, 5]);
    expect(host.stats.dataCommands).toBe(0);
  });

  it('reuses connections within a domain and caps simultaneous connections per MX host', async () => {
    const host = world.hosts['mx.limited.test']!;
    const connectionsBefore = host.stats.connections;
    host.stats.maxSimultaneous = 0;
    const emails = [...['a1', 'a2', 'a3', 'a4'].map((l) => `${l}@limited.test`), ...['b1', 'b2', 'b3', 'b4'].map((l) => `${l}@limited2.test`)];
    const results = await verify(emails, { maxConnectionsPerHost: 1, maxRecipientsPerConnection: 3 });
    expect(results.every((r) => r.reason === 'mailbox_not_found')).toBe(true);
    expect(host.stats.maxSimultaneous).toBe(1);
    // 4 + 1 catch-all probe per domain at 3 per connection: 2 connections per domain.
    expect(host.stats.connections - connectionsBefore).toBe(4);
  });

  it('caches results and catch-all answers: a second look costs no SMTP', async () => {
    const host = world.hosts['mx.valid.test']!;
    await verify(['bob@valid.test']);
    const before = host.stats.connections;
    const [again] = await verify(['bob@valid.test']);
    expect(again).toMatchObject({ status: 'valid', reason: 'accepted' });
    expect(host.stats.connections).toBe(before);
    const rows = await db.database.db.select().from(verifyResultCache);
    expect(rows.find((r) => r.email === 'bob@valid.test')?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
    const unknown = rows.find((r) => r.email === 'bob@busy.test');
    expect(unknown?.expiresAt.getTime()).toBeLessThan(Date.now() + 86400_000 + 60_000);
  });

  it('upgrades with STARTTLS when the server offers it', async () => {
    const host = world.hosts['mx.valid.test']!;
    const before = host.stats.tlsSessions;
    await verify(['alice@valid.test', 'carol2@valid.test']);
    expect(host.stats.tlsSessions).toBeGreaterThan(before);
  });

  it('goes through LEADFORGE_SOCKS_PROXY when set, and is unreachable when the proxy is down', async () => {
    const proxy = await startSocks5Proxy();
    try {
      const [r] = await verify(['sales@implicit.test'], { socksProxy: proxy.url });
      expect(r).toMatchObject({ status: 'risky', reason: 'role_account', checks: { smtp: 'accepted' } });
      expect(proxy.relayed).toContain(`127.0.0.14:${world.port}`);
    } finally {
      await proxy.close();
    }
    const [down] = await verify(['carol@implicit.test'], { socksProxy: proxy.url });
    expect(down).toMatchObject({ status: 'unknown', reason: 'smtp_unreachable' });
  });

  it('answers one result per input, in input order, duplicates included', async () => {
    const inputs = ['bob@valid.test', 'not an email', 'BOB@valid.test', 'x@nowhere.test'];
    const results = await verify(inputs);
    expect(results.map((r) => r.email)).toEqual(['bob@valid.test', 'not an email', 'bob@valid.test', 'x@nowhere.test']);
  });

  it('bulk (keepConnections): calls in parallel and in turn share the kept connections within the per-host cap', async () => {
    const ctx = ctxFor({ maxConnectionsPerHost: 1, maxRecipientsPerConnection: 10 });
    const net = verifierNetFor(ctx.config);
    const host = world.hosts['mx.valid.test']!;
    host.stats.maxSimultaneous = 0;
    const before = host.stats.connections;
    const [a, b] = await Promise.all([
      verifyEmails(ctx, net, ['keep1@valid.test', 'keep2@valid.test'], { keepConnections: true }),
      verifyEmails(ctx, net, ['keep3@valid.test'], { keepConnections: true }),
    ]);
    expect([...a!, ...b!].map((r) => r.reason)).toEqual(['mailbox_not_found', 'mailbox_not_found', 'mailbox_not_found']);
    const afterFirst = host.stats.connections;
    // At most one connection per call (the waiting call is handed the slot, or the kept connection itself).
    expect(afterFirst - before).toBeLessThanOrEqual(2);
    const [c] = await verifyEmails(ctx, net, ['keep4@valid.test'], { keepConnections: true });
    expect(c).toMatchObject({ reason: 'mailbox_not_found' });
    // Reused when it comes within the 5 s a connection is kept (reuse itself: smtp-prober.test.ts).
    expect(host.stats.connections - afterFirst).toBeLessThanOrEqual(1);
    expect(host.stats.maxSimultaneous).toBe(1);
    expect(host.stats.dataCommands).toBe(0);
    await net.smtp.close?.();
  });
});
