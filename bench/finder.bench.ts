// Email finder on a loopback mail world: 1,000 people at 100 companies, each company writing
// addresses its own way (patterns unknown at the start), 50 ms added to every server reply,
// at most 2 connections per mail host. Reports SMTP probes per person, the total time and the
// lower bound that the caps and the latency set. Embedded database by default, PostgreSQL with
// TEST_DATABASE_URL. `--people-per-company=N` (10), `--companies=N` (100), `--latency-ms=N` (50),
// `--profile=FILE` (CPU profile of the finding).
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { defaultVerifyConfig, testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { silentLogger } from '../src/core/logger.js';
import { verifierNetFor } from '../src/adapters/smtp-probe/index.js';
import { findPeople, PATTERNS, renderPattern, nameKeys, type PatternId, type PersonInput } from '../src/domains/finder/index.js';
import { workspaces } from '../src/domains/workspaces/index.js';
import { createTestDatabase } from '../test/helpers/db.js';
import type { Company, HostStats } from '../test/finderworld/world.js';
import { profileOption, startProfiler } from './fixtures/profiler.js';
import { forkWorld } from './fixtures/world-process.js';

export const description = 'email finder: 1,000 people at 100 companies, 50 ms per SMTP reply, cap 2 per host — probes per person and time vs bound';

const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'frances', 'edsger', 'john', 'radia', 'donald', 'shafi', 'tim', 'hedy', 'claude', 'joan', 'niklaus', 'lynn'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'allen', 'dijkstra', 'mccarthy', 'perlman', 'knuth', 'goldwasser', 'lee', 'lamarr', 'shannon', 'clarke', 'wirth', 'conway'];

const option = (args: string[], name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

/** Patterns for the companies in proportion to their priors (deterministic). */
function patternFor(i: number, companies: number): PatternId {
  const total = PATTERNS.reduce((s, p) => s + p.prior, 0);
  let at = ((i + 0.5) / companies) * total;
  for (const p of PATTERNS) {
    if (at < p.prior) return p.id;
    at -= p.prior;
  }
  return PATTERNS[0].id;
}

export async function run(args: string[]) {
  const companies = option(args, 'companies', 100);
  const perCompany = option(args, 'people-per-company', 10);
  const latencyMs = option(args, 'latency-ms', 50);
  const cap = 2;

  const people: PersonInput[] = [];
  const world: Company[] = [];
  for (let c = 0; c < companies; c++) {
    const domain = `company${c}.test`;
    const pattern = patternFor(c, companies);
    const mailboxes: string[] = [];
    for (let p = 0; p < perCompany; p++) {
      const firstName = FIRST[(c + p) % FIRST.length]!;
      const lastName = `${LAST[(c * 7 + p * 3) % LAST.length]!}${p}`;
      people.push({ firstName, lastName, domain });
      mailboxes.push(renderPattern(pattern, nameKeys({ firstName, lastName })!));
    }
    world.push({ domain, mailboxes });
  }
  // People arrive in file order, companies interleaved.
  people.sort((a, b) => (a.lastName! < b.lastName! ? -1 : 1));

  const [mail, db] = await Promise.all([worldProcess(world, latencyMs), createTestDatabase()]);
  try {
    const config = testConfig({ verify: { ...defaultVerifyConfig(), dnsServers: [mail.dnsServer], smtpPort: mail.port, greylistRetryS: 1, maxConnectionsPerHost: cap, smtpTimeoutMs: 5000 } });
    const [ws] = await db.database.db.insert(workspaces).values({ name: 'bench' }).returning({ id: workspaces.id });
    const ctx: Ctx = { db: db.database.db, inTransaction: false, config, log: silentLogger(), clock: systemClock, services: { mailer: undefined as never }, actor: { type: 'system' }, workspaceId: ws!.id };
    const net = verifierNetFor(config);

    const worldCpuBefore = (await mail.stats()).cpuS;
    const profileTo = profileOption(args);
    const profiler = profileTo ? await startProfiler() : undefined;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const results = await findPeople(ctx, net, people);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler && profileTo) await profiler.stopInto(profileTo);

    const found = results.filter((r) => r.status === 'valid').length;
    const probes = results.reduce((n, r) => n + r.smtpProbes, 0);
    const { hosts: stats, cpuS: worldCpuAfter } = await mail.stats();
    const maxSimultaneous = Math.max(...stats.map((s) => s.maxSimultaneous));
    // Lower bound: every host works in parallel; a host's RCPTs spread over `cap` connections, and
    // a connection costs at least greeting + EHLO + MAIL FROM + QUIT besides its RCPTs.
    const boundS = Math.max(...stats.map((s) => (4 + Math.ceil(s.rcpts / cap)) * latencyMs)) / 1000;
    const wrong = results.filter((r, i) => r.email && !world.some((w) => w.domain === people[i]!.domain && w.mailboxes.includes(r.email!.split('@')[0]!))).length;
    process.stdout.write(
      [
        `| finder (${db.url ? 'PostgreSQL' : 'embedded'}) | value |`,
        '| --- | ---: |',
        `| people / companies | ${people.length} / ${companies} |`,
        `| found valid | ${found} (${wrong} wrong) |`,
        `| SMTP probes per person | ${(probes / people.length).toFixed(2)} |`,
        `| connections (max at once per host) | ${stats.reduce((n, s) => n + s.connections, 0)} (${maxSimultaneous}) |`,
        `| total time | ${seconds.toFixed(2)} s |`,
        `| CPU of the finder process (user + system; the mail world runs in another process) | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s |`,
        `| CPU of the mail world's process (DNS, 100 SMTP servers, latency proxies) | ${(worldCpuAfter - worldCpuBefore).toFixed(2)} s |`,
        `| bound from caps and latency | ${boundS.toFixed(2)} s |`,
        `| time / bound | ${(seconds / boundS).toFixed(2)}× |`,
        '',
      ].join('\n'),
    );
    if (maxSimultaneous > cap) throw new Error(`a host saw ${maxSimultaneous} connections at once (cap ${cap})`);
  } finally {
    await mail.close();
    await db.cleanup();
  }
}

/** The mail world in a child process (bench/fixtures/finder-world-process.ts). */
async function worldProcess(companies: Company[], latencyMs: number) {
  const world = await forkWorld<{ companies: Company[]; latencyMs: number }, { port: number; dnsServer: string }, HostStats>(
    join(import.meta.dirname, 'fixtures/finder-world-process.ts'),
    { companies, latencyMs },
  );
  return { ...world, port: world.ready.port, dnsServer: world.ready.dnsServer };
}
