import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { Ctx, Services } from '../core/context.js';
import type { Logger } from '../core/logger.js';
import { openDatabase, type Database } from '../adapters/db/client.js';
import { embeddedDbDir } from '../adapters/db/embedded-layout.js';
import { runMigrations } from '../adapters/db/migrate.js';
import { logMailer, smtpMailer } from '../adapters/mail/app-mailer.js';
import { createJobQueue } from '../adapters/queue/index.js';
// Registers the import job kind in every process (serve, worker, CLI).
import '../adapters/files/register-import-kind.js';
// Registers the lead export job kind (exports.run).
import '../adapters/files/register-export-kind.js';
import { verifierNetFor } from '../adapters/smtp-probe/index.js';
// Registers the bulk verification job kind in every process (serve, worker, CLI).
import '../adapters/smtp-probe/register-bulk-kind.js';
// Registers the bulk finder job kind in every process (serve, worker, CLI).
import '../adapters/smtp-probe/register-finder-kind.js';

/** Everything a process (serve, worker, CLI command) shares: opened once, closed once. */
export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  database: Database;
  services: Services;
  redis?: Redis;
  /** A system context for CLI commands and background work. */
  systemCtx(workspaceId?: string): Ctx;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, log: Logger, options: { migrate?: boolean; queuePrefix?: string } = {}): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.databaseUrl ? undefined : embeddedDbDir(config.dataDir) });
  try {
    if (options.migrate !== false) await runMigrations(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  let redis: Redis | undefined;
  if (config.redisUrl) {
    const { Redis: RedisClient } = await import('ioredis');
    redis = new RedisClient(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    redis.on('error', (e) => log.warn({ err: e.message }, 'redis connection error'));
  }
  const services: Services = {
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : logMailer(log),
    // BullMQ with REDIS_URL, else the in-process driver (the database is the queue).
    queue: await createJobQueue({ redis, prefix: options.queuePrefix }),
    verifier: verifierNetFor(config),
  };
  const clock = systemClock;
  return {
    config,
    log,
    clock,
    database,
    services,
    redis,
    systemCtx: (workspaceId?: string) => ({
      db: database.db,
      inTransaction: false,
      config,
      log,
      clock,
      services,
      actor: { type: 'system' },
      workspaceId,
    }),
    async close() {
      // SMTP connections kept for reuse (bulk verify, the finder) say goodbye (RSET, QUIT).
      await services.verifier?.smtp.close?.().catch(() => undefined);
      await services.queue?.close().catch(() => undefined);
      redis?.disconnect();
      await database.close();
    },
  };
}
