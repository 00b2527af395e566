// Bulk SMTP verification against a slow mail world (test/mailworld/slow-world.ts): N addresses
// over D domains, each domain on its own MX host, every server reply held back `delay` ms, at
// most `cap` connections per MX host. Run with connection reuse (the default 20 recipients per
// connection), then with one address per connection, each from a cold cache.
//
// Lower bound set by the caps and the latency (per host h, hosts in parallel):
//   N_h = addresses of the host + 1 catch-all probe;  k_h = ceil(N_h / R) connections of at most
//   R recipients, each needing greeting + EHLO + MAIL FROM (3 replies) before its first RCPT;
//   no PIPELINING, so every reply costs `delay` on its connection, and at most `cap` run at once:
//   T_h >= delay × ceil((N_h + 3·k_h) / cap);   bound = max_h T_h   (DNS, CPU, database free).
// Target: reuse finishes within 1.5× its bound, and no host ever sees more than `cap` connections.
//
// `npm run bench -- verify-throughput [--addresses=10000] [--domains=100] [--delay-ms=50] [--cap=2] [--io-chunks=8] [--only=job,direct,single] [--profile=FILE]`
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { verifierNetFor } from '../src/adapters/smtp-probe/index.js';
import { smtpProber } from '../src/adapters/smtp-probe/prober.js';
import { nodeDnsResolver } from '../src/adapters/dns/node-resolver.js';
import { verifyDomainCache, verifyEmails, verifyResultCache, type VerifierNet } from '../src/domains/verify/index.js';
import { grantCredits } from '../src/domains/credits/index.js';
import { InProcessQueue, InProcessWorker, workerSettings } from '../src/adapters/queue/index.js';
import { createTestApp } from '../test/helpers/app.js';
import { createUserWithWorkspace } from '../test/helpers/auth.js';
import { join } from 'node:path';
import { defaultVerifyConfig, type VerifyConfig } from '../src/core/config.js';
import type { SlowHostStats } from '../test/mailworld/slow-world.js';
import { profileOption, startProfiler } from './fixtures/profiler.js';
import { forkWorld } from './fixtures/world-process.js';

export const description = 'bulk SMTP verification: 10,000 addresses over 100 slow domains (50 ms per reply, 2 connections per MX host) against the lower bound';

const arg = (args: string[], name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

export async function run(args: string[]) {
  const n = arg(args, 'addresses', 10_000);
  const domainCount = arg(args, 'domains', 100);
  const delay = arg(args, 'delay-ms', 50);
  const cap = arg(args, 'cap', 2);
  const ioChunks = arg(args, 'io-chunks', workerSettings().ioConcurrency);
  const world = await worldProcess(domainCount, delay);
  const t = await createTestApp({ config: { verify: world.verifyConfig({ maxConnectionsPerHost: cap, maxRecipientsPerConnection: 20 }) } });
  try {
    // Domain-interleaved, as a real list is: user0@d0, user1@d1, …; one in 10 does not exist.
    const emails = Array.from({ length: n }, (_, i) => `${i % 10 === 9 ? 'nobody' : 'user'}${i}@${world.domains[i % domainCount]}`);
    const expected = (i: number) => (emails[i]!.startsWith('nobody') ? 'mailbox_not_found' : 'accepted');
    const perHost = new Map<string, number>();
    for (const e of emails) perHost.set(e.split('@')[1]!, (perHost.get(e.split('@')[1]!) ?? 0) + 1);
    const boundS = (r: number) => Math.max(...[...perHost.values()].map((a) => delay * Math.ceil((a + 1 + 3 * Math.ceil((a + 1) / r)) / cap))) / 1000;
    const owner = await createUserWithWorkspace(t);
    await grantCredits(t.ctx(owner.workspaceId), { amountMilli: n * 1000, reason: 'bench' });

    const lines = [
      `| bulk SMTP (${t.db.url ? 'PostgreSQL' : 'embedded'}), ${n} addresses / ${domainCount} domains, ${delay} ms per reply, cap ${cap} | recipients per connection | seconds | lower bound s | × bound | addresses/s | connections | max open per host | RCPT per connection | CPU s of the verifier (+ database thread) | CPU s of the mail world (own process) | event-loop delay mean ms |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const failures: string[] = [];
    const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
    const runs = (
      [
        [`verify.bulk job (in-process worker, ${ioChunks} chunks at once)`, 20, 'job', 'job'],
        ['verifyEmails, whole list at once', 20, 'direct', 'direct'],
        ['one address per connection (verifyEmails)', 1, 'direct', 'single'],
      ] as Array<[string, number, 'job' | 'direct', string]>
    ).filter((r) => !only || only.includes(r[3]));
    for (const [label, r, mode] of runs) {
      const config = testConfig({ verify: world.verifyConfig({ maxConnectionsPerHost: cap, maxRecipientsPerConnection: r }) });
      const v = config.verify;
      const dns = nodeDnsResolver({ servers: v.dnsServers, timeoutMs: v.smtpTimeoutMs });
      const net: VerifierNet = { dns, smtp: smtpProber(dns, { port: v.smtpPort, timeoutMs: v.smtpTimeoutMs, heloName: v.heloName, mailFrom: v.mailFrom, maxConnectionsPerHost: cap, maxRecipientsPerConnection: r }), greylistRetryMs: 1000 };
      const ctx: Ctx = { ...t.ctx(), config };
      await ctx.db.delete(verifyResultCache);
      await ctx.db.delete(verifyDomainCache);
      await world.reset();
      process.stderr.write(`${label}…\n`);
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const worldCpuBefore = (await world.stats()).cpuS;
      const profileTo = profileOption(args);
      const profiler = profileTo ? await startProfiler() : undefined;
      let reasons: string[];
      if (mode === 'direct') {
        reasons = (await verifyEmails(ctx, net, emails)).map((x) => x.reason);
      } else {
        const start = await t.app.inject({ method: 'POST', url: '/api/v1/verify/bulk', headers: owner.headers, payload: { emails, source: 'bench' } });
        if (start.statusCode !== 202) throw new Error(`bulk start: ${start.statusCode} ${start.body}`);
        const jobId = (start.json() as { id: string }).id;
        // The in-process driver's worker with its default settings (2 CPU-bound chunks and 8 of
        // I/O-bound kinds such as this one at once), as `serve` runs it.
        const worker = new InProcessWorker(t.ctx(), new InProcessQueue(), workerSettings({ ioConcurrency: ioChunks, pollMs: 50 }));
        worker.start();
        try {
          for (;;) {
            const job = (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: owner.headers })).json() as { status: string };
            if (!['queued', 'running'].includes(job.status)) break;
            await new Promise((r) => setTimeout(r, 50));
          }
        } finally {
          await worker.stop();
        }
        reasons = [];
        for (let cursor: string | null = null, first = true; first || cursor; first = false) {
          const page = (await t.app.inject({ method: 'GET', url: `/api/v1/verify/bulk/${jobId}/results?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, headers: owner.headers })).json() as {
            items: Array<{ result: { reason: string } | null }>;
            nextCursor: string | null;
          };
          reasons.push(...page.items.map((i) => i.result?.reason ?? "none"));
          cursor = page.nextCursor;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      // The connections the job kept for reuse close now (the results are in), not in the next run.
      if (mode === 'job') await verifierNetFor(t.config).smtp.close?.();
      if (profiler && profileTo) await profiler.stopInto(profileTo.replace(/(\.cpuprofile)?$/, `-${mode}-${r}.cpuprofile`));
      lag.disable();
      const cpu = process.cpuUsage(cpuBefore);
      const cpuS = (cpu.user + cpu.system) / 1e6;
      const worldStats = await world.stats();
      const worldCpuS = worldStats.cpuS - worldCpuBefore;
      const all = worldStats.hosts;
      const connections = all.reduce((s, h) => s + h.connections, 0);
      const rcpts = all.reduce((s, h) => s + h.rcpts, 0);
      const maxOpen = Math.max(...all.map((h) => h.maxSimultaneous));
      const wrong = emails.filter((_, i) => reasons[i] !== expected(i)).length;
      if (maxOpen > cap) failures.push(`${label}: a host saw ${maxOpen} connections at once (cap ${cap})`);
      if (all.some((h) => h.dataCommands > 0)) failures.push(`${label}: DATA was sent`);
      if (wrong > 0) {
        const seen = new Map<string, number>();
        emails.forEach((_, i) => reasons[i] !== expected(i) && seen.set(`${expected(i)}→${reasons[i]}`, (seen.get(`${expected(i)}→${reasons[i]}`) ?? 0) + 1));
        failures.push(`${label}: ${wrong} wrong answers (${[...seen].map(([k, c]) => `${k} ×${c}`).join(', ')})`);
      }
      const bound = boundS(r);
      lines.push(`| ${label} | ${r} | ${seconds.toFixed(2)} | ${bound.toFixed(2)} | ${(seconds / bound).toFixed(2)} | ${Math.round(n / seconds)} | ${connections} | ${maxOpen} | ${(rcpts / connections).toFixed(1)} | ${cpuS.toFixed(1)} | ${worldCpuS.toFixed(1)} | ${(lag.mean / 1e6).toFixed(1)} |`);
      if (r === 20 && seconds > 1.5 * bound) failures.push(`${label}: ${seconds.toFixed(2)} s is more than 1.5 × the ${bound.toFixed(2)} s bound`);
    }
    lines.push('', failures.length ? `FAILED: ${failures.join('; ')}` : `Target met: reuse within 1.5× the bound, no host above ${cap} connections, no DATA.`, '');
    process.stdout.write(lines.join('\n'));
  } finally {
    await t.close();
    await world.close();
  }
}

/** The slow world in a child process (bench/fixtures/slow-world-process.ts): its CPU is not on the verifier's event loop. */
async function worldProcess(domains: number, replyDelayMs: number) {
  const world = await forkWorld<{ domains: number; replyDelayMs: number }, { domains: string[]; dnsAddress: string; port: number }, SlowHostStats>(
    join(import.meta.dirname, 'fixtures/slow-world-process.ts'),
    { domains, replyDelayMs },
  );
  const { dnsAddress, port } = world.ready;
  return {
    ...world,
    domains: world.ready.domains,
    verifyConfig: (overrides: Partial<VerifyConfig> = {}): VerifyConfig => ({
      ...defaultVerifyConfig(),
      dnsServers: [dnsAddress],
      smtpPort: port,
      smtpTimeoutMs: 10_000,
      greylistRetryS: 1,
      ...overrides,
    }),
  };
}
