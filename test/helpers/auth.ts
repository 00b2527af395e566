import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq, getTableColumns, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/adapters/db/schema.js';
import type { Role } from '../../src/core/roles.js';
import { createApiKey, hashToken, newOpaqueToken, refreshTokens, signAccessToken, users } from '../../src/domains/auth/index.js';
import { createWorkspace, memberships } from '../../src/domains/workspaces/index.js';
import type { TestApp } from './app.js';

/**
 * Arranging users, workspaces, memberships and credentials directly through the database and
 * the verbs, so that tests of any domain run without going through the /auth routes.
 */

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** Access token for `workspaceId` (or for no workspace). */
  token: string;
  headers: { authorization: string };
}

export interface TestOwner extends TestUser {
  workspaceId: string;
  workspaceName: string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const hashes = new Map<string, Promise<string>>();
/** Argon2id as in production; one hash per password per test file, since hashing is the slow part. */
const passwordHash = (password: string) => {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 })));
  return h;
};

const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.test`;

/**
 * Starts a session as /auth/login would: a refresh-token family (access tokens are only valid
 * while their family is live) and an access token for it. `sessionId` is the family id.
 */
export async function signInAs(
  t: TestApp,
  userId: string,
  workspaceId: string | null,
): Promise<{ token: string; headers: { authorization: string }; sessionId: string }> {
  const now = t.ctx().clock.now();
  const sessionId = randomUUID();
  await t
    .ctx()
    .db.insert(refreshTokens)
    .values({
      userId,
      familyId: sessionId,
      workspaceId,
      tokenHash: hashToken(newOpaqueToken()),
      expiresAt: new Date(now.getTime() + t.config.refreshTokenTtlS * 1000),
      createdAt: now,
    });
  const { token } = await signAccessToken(t.config, { userId, workspaceId, sessionId }, now);
  return { token, headers: bearer(token), sessionId };
}

/** A user with no workspace; the token carries no workspace. */
export async function createUser(t: TestApp, options: { email?: string; name?: string; password?: string } = {}): Promise<TestUser> {
  const password = options.password ?? TEST_PASSWORD;
  const email = (options.email ?? uniqueEmail()).trim().toLowerCase();
  const name = options.name ?? email.split('@')[0]!;
  const [user] = await t
    .ctx()
    .db.insert(users)
    .values({ email, name, passwordHash: await passwordHash(password), emailVerifiedAt: t.ctx().clock.now() })
    .returning();
  const { token, headers } = await signInAs(t, user!.id, null);
  return { id: user!.id, email, name, password, token, headers };
}

/** A user who owns a fresh workspace; the token acts in it. */
export async function createUserWithWorkspace(
  t: TestApp,
  options: { email?: string; name?: string; password?: string; workspaceName?: string } = {},
): Promise<TestOwner> {
  const user = await createUser(t, options);
  const workspaceName = options.workspaceName ?? `Workspace ${randomBytes(3).toString('hex')}`;
  const ws = await createWorkspace(t.ctx(), { name: workspaceName, ownerUserId: user.id });
  await t.ctx().db.update(users).set({ lastWorkspaceId: ws.id }).where(eq(users.id, user.id));
  const { token, headers } = await signInAs(t, user.id, ws.id);
  return { ...user, token, headers, workspaceId: ws.id, workspaceName };
}

/** A new user who is a member of `workspaceId` with `role`; the token acts in that workspace. */
export async function addMember(t: TestApp, workspaceId: string, role: Role, options: { email?: string; name?: string } = {}): Promise<TestUser> {
  const user = await createUser(t, { email: options.email ?? uniqueEmail(role), name: options.name });
  await t.ctx().db.insert(memberships).values({ workspaceId, userId: user.id, role });
  const { token, headers } = await signInAs(t, user.id, workspaceId);
  return { ...user, token, headers };
}

/** An API key of `workspaceId` with `role`, created as the system; `headers` authenticate with it. */
export async function createTestApiKey(t: TestApp, workspaceId: string, role: 'admin' | 'member' | 'viewer', name = `${role} key`) {
  const { apiKey, key } = await createApiKey(t.ctx(workspaceId), { name, role });
  return { id: apiKey.id, prefix: apiKey.prefix, key, headers: bearer(key) };
}

/** Columns that authenticating a request updates by itself (an API key's last use). */
const BOOKKEEPING_COLUMNS = new Set(['lastUsedAt']);

/**
 * Every row that belongs to a workspace, in every table of the schema that has a workspace_id
 * column (plus the workspace row itself), in a stable order, without request bookkeeping.
 * Tests compare two snapshots to prove that a refused request wrote nothing; new domains are
 * covered without changes here.
 */
export async function snapshotWorkspace(t: TestApp, workspaceId: string): Promise<Record<string, unknown[]>> {
  const db = t.ctx().db;
  const out: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(schema)) {
    if (!is(table, PgTable)) continue;
    const columns = getTableColumns(table) as Record<string, Parameters<typeof eq>[0]>;
    const scope = name === 'workspaces' ? columns.id : columns.workspaceId;
    if (!scope) continue;
    const rows = await db.select().from(table).where(eq(scope, workspaceId));
    out[name] = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !BOOKKEEPING_COLUMNS.has(k)))).sort();
  }
  return out;
}
