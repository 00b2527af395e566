import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/clock.js';
import { testConfig } from '../../../core/config.js';
import type { Ctx } from '../../../core/context.js';
import { silentLogger } from '../../../core/logger.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.js';
import { refreshTokens } from '../auth.tables.js';
import { createUser } from '../create-user.js';
import { loginUser } from '../login-user.js';
import { refreshSession } from '../refresh-session.js';

describe('refreshSession (verb, real database)', () => {
  let t: TestDatabase;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = {
      db: t.database.db,
      inTransaction: false,
      config: testConfig(),
      log: silentLogger(),
      clock: systemClock,
      services: { mailer: { send: async () => undefined } },
      actor: { type: 'anonymous', ip: '127.0.0.1' },
    };
  });
  afterAll(async () => t.cleanup());

  it('lets exactly one of two concurrent refreshes with one token win, and then ends the session', async () => {
    await createUser({ ...ctx, actor: { type: 'system' } }, { email: 'race@example.com', name: 'Race', password: 'race condition pw' }, 'cli');
    const session = await loginUser(ctx, { email: 'race@example.com', password: 'race condition pw' });
    const results = await Promise.allSettled([
      refreshSession(ctx, { refreshToken: session.refreshToken! }),
      refreshSession(ctx, { refreshToken: session.refreshToken! }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'UNAUTHENTICATED' });

    // Two holders of one token is what theft looks like: no live token is left in the family.
    const live = await ctx.db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, familyOf(session.accessToken)), isNull(refreshTokens.revokedAt)));
    expect(live).toHaveLength(0);
  });
});

/** The session id (refresh-token family) inside an access token. */
function familyOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')).sid as string;
}
