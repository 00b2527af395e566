import { systemClock, type Clock } from '../../src/core/clock.js';
import { testConfig, type Config } from '../../src/core/config.js';
import type { Ctx } from '../../src/core/context.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildApp } from '../../src/adapters/http/app.js';
import type { App } from '../../src/adapters/http/types.js';
import { MemoryMailer } from '../../src/adapters/mail/app-mailer.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: App;
  db: TestDatabase;
  mailer: MemoryMailer;
  config: Config;
  /** A system context on the same database, for arranging data directly through verbs. */
  ctx(workspaceId?: string): Ctx;
  close(): Promise<void>;
}

/** The real Fastify app on a fresh test database, with mail captured in memory. */
export async function createTestApp(options: { config?: Partial<Config>; clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const mailer = new MemoryMailer();
  const config = testConfig(options.config);
  const clock = options.clock ?? systemClock;
  const log = silentLogger();
  const app = await buildApp({ database: db.database, config, log, clock, services: { mailer }, webDir: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    mailer,
    config,
    ctx: (workspaceId) => ({
      db: db.database.db,
      inTransaction: false,
      config,
      log,
      clock,
      services: { mailer },
      actor: { type: 'system' },
      workspaceId,
    }),
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}
