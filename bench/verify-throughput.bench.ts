// Verification throughput against the local mail world (test/mailworld): N addresses over a few
// domains (one reused connection per batch, per-host caps), cold (no cache: DNS + SMTP) and warm
// (result cache hits), on the embedded database (default) or PostgreSQL (TEST_DATABASE_URL).
// `--addresses=N` (default 2,000). Loopback only: measures our side, not real servers' latency.
import { systemClock } from '../src/core/clock.js';
import { testConfig } from '../src/core/config.js';
import type { Ctx } from '../src/core/context.js';
import { silentLogger } from '../src/core/logger.js';
import { verifierNetFor } from '../src/adapters/smtp-probe/index.js';
import { verifyEmails } from '../src/domains/verify/index.js';
import { createTestDatabase } from '../test/helpers/db.js';
import { startMailWorld } from '../test/mailworld/world.js';

export const description = 'email verification (DNS + SMTP on loopback), addresses per second cold and cached';

export async function run(args: string[]) {
  const n = Number(args.find((a) => a.startsWith('--addresses='))?.slice(12) ?? 2_000);
  const [world, db] = await Promise.all([startMailWorld(), createTestDatabase()]);
  try {
    const config = testConfig({ verify: world.verifyConfig({ maxRecipientsPerConnection: 50 }) });
    const ctx: Ctx = { db: db.database.db, inTransaction: false, config, log: silentLogger(), clock: systemClock, services: { mailer: undefined as never }, actor: { type: 'system' } };
    const net = verifierNetFor(config);
    const domains = ['valid.test', 'catchall.test', 'limited.test', 'implicit.test'];
    const emails = Array.from({ length: n }, (_, i) => `person${i}@${domains[i % domains.length]}`);
    const rounds = async () => {
      const started = performance.now();
      for (let i = 0; i < emails.length; i += 200) await verifyEmails(ctx, net, emails.slice(i, i + 200));
      return (performance.now() - started) / 1000;
    };
    const cold = await rounds();
    const warm = await rounds();
    const rcpts = Object.values(world.hosts).reduce((s, h) => s + h.stats.rcptsPerConnection.reduce((a, b) => a + b, 0), 0);
    const connections = Object.values(world.hosts).reduce((s, h) => s + h.stats.connections, 0);
    process.stdout.write(
      [
        `| verify (${db.url ? 'PostgreSQL' : 'embedded'}) | addresses | seconds | addresses/s |`,
        '| --- | ---: | ---: | ---: |',
        `| cold (DNS + SMTP) | ${n} | ${cold.toFixed(2)} | ${Math.round(n / cold)} |`,
        `| cached | ${n} | ${warm.toFixed(2)} | ${Math.round(n / warm)} |`,
        '',
        `SMTP: ${connections} connections, ${rcpts} RCPT TO (${(rcpts / Math.max(1, connections)).toFixed(1)} per connection).`,
        '',
      ].join('\n'),
    );
  } finally {
    await world.close();
    await db.cleanup();
  }
}
