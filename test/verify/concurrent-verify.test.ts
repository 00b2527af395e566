import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/core/config.js';
import type { Ctx } from '../../src/core/context.js';
import { nodeDnsResolver } from '../../src/adapters/dns/node-resolver.js';
import { smtpProber } from '../../src/adapters/smtp-probe/prober.js';
import { verifyEmails, type VerifierNet } from '../../src/domains/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startSlowWorld, type SlowWorld } from '../mailworld/slow-world.js';

// A bulk job verifies several chunks at once in one process, often over the same domains:
// they share the DNS answers and the catch-all probe instead of repeating them per chunk.
let world: SlowWorld;
let t: TestApp;

beforeAll(async () => {
  world = await startSlowWorld({ domains: 3, replyDelayMs: 5 });
  t = await createTestApp({ config: { verify: world.verifyConfig() } });
});
afterAll(async () => {
  await t?.close();
  await world?.close();
});

function freshNet(): { ctx: Ctx; net: VerifierNet } {
  const config = testConfig({ verify: world.verifyConfig({ maxConnectionsPerHost: 2, maxRecipientsPerConnection: 20 }) });
  const v = config.verify;
  const dns = nodeDnsResolver({ servers: v.dnsServers, timeoutMs: v.smtpTimeoutMs });
  const smtp = smtpProber(dns, { port: v.smtpPort, timeoutMs: v.smtpTimeoutMs, heloName: v.heloName, mailFrom: v.mailFrom, maxConnectionsPerHost: 2, maxRecipientsPerConnection: 20 });
  return { ctx: { ...t.ctx(), config }, net: { dns, smtp, greylistRetryMs: 1000 } };
}

describe('verifying several lists at once in one process', () => {
  it('probes a domain’s random address once, whatever the number of concurrent calls', async () => {
    const { ctx, net } = freshNet();
    world.reset();
    const domain = world.domains[0]!;
    const lists = Array.from({ length: 4 }, (_, l) => Array.from({ length: 5 }, (_, i) => `${i === 4 ? 'nobody' : 'user'}${l}-${i}@${domain}`));
    const results = await Promise.all(lists.map((list) => verifyEmails(ctx, net, list, { keepConnections: true })));
    await net.smtp.close?.();
    expect(results.flat().map((r) => r.reason)).toEqual(lists.flat().map((e) => (e.startsWith('nobody') ? 'mailbox_not_found' : 'accepted')));
    // Every call knows the answer (the slow world's hosts reject unknown local parts: not catch-all)…
    expect(results.flat().every((r) => r.checks.catchAll === false)).toBe(true);
    // …from one random-address probe: 20 recipients plus 1, not plus 4.
    expect(world.stats.get(domain)!.rcpts).toBe(21);
    expect(world.stats.get(domain)!.maxSimultaneous).toBeLessThanOrEqual(2);
  });

  it('answers hundreds of concurrent DNS lookups without dropping any (no unknown verdicts)', async () => {
    const { net } = freshNet();
    const lookups = await Promise.allSettled(Array.from({ length: 900 }, (_, i) => net.dns.resolveMx(world.domains[i % 3]!)));
    expect(lookups.filter((l) => l.status === 'rejected')).toEqual([]);
    // 800 distinct names at once (nothing to share): beyond the in-flight cap they queue up, and
    // every one gets the server's answer (no such domain), none a timeout.
    const distinct = await Promise.allSettled(Array.from({ length: 800 }, (_, i) => net.dns.resolveMx(`nobody${i}.slow.test`)));
    const failures = distinct.map((l) => (l.status === 'rejected' ? (l.reason as { failure?: string }).failure : 'answered'));
    expect(new Set(failures)).toEqual(new Set(['nxdomain']));
  });
});
