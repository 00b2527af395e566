import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.js';
import { ManualClock } from '../../../core/clock.js';
import { testConfig } from '../../../core/config.js';
import type { Actor, Ctx } from '../../../core/context.js';
import { silentLogger } from '../../../core/logger.js';
import type { Mailer, OutgoingMail } from '../../../core/mailer.js';
import { auditEvents } from '../../audit/index.js';
import { users } from '../../auth/index.js';
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  createWorkspace,
  invitations,
  listMembers,
  memberships,
  removeMember,
} from '../index.js';

describe('membership verbs on a real database', () => {
  let tdb: TestDatabase;
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (m) => void sent.push(m) };
  const clock = new ManualClock('2026-05-01T08:00:00Z');
  const ctx = (actor: Actor = { type: 'system' }, workspaceId?: string): Ctx => ({
    db: tdb.database.db,
    inTransaction: false,
    config: testConfig(),
    log: silentLogger(),
    clock,
    services: { mailer },
    actor,
    workspaceId,
  });
  const newUser = async (email = `u-${randomBytes(4).toString('hex')}@example.test`) => {
    const [u] = await ctx().db.insert(users).values({ email, passwordHash: 'not-a-real-hash' }).returning();
    return u!;
  };
  const tokenOf = (mail: OutgoingMail) => /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => tdb.cleanup());

  it('the system actor (CLI) manages members but still keeps one owner', async () => {
    const owner = await newUser();
    const ws = await createWorkspace(ctx(), { name: 'Sys', ownerUserId: owner.id });
    const sys = ctx({ type: 'system' }, ws.id);
    await expect(changeMemberRole(sys, { userId: owner.id, role: 'admin' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(removeMember(sys, { userId: owner.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await newUser();
    await ctx().db.insert(memberships).values({ workspaceId: ws.id, userId: other.id, role: 'viewer' });
    await changeMemberRole(sys, { userId: other.id, role: 'owner' });
    await changeMemberRole(sys, { userId: owner.id, role: 'member' });
    expect((await listMembers(sys)).map((m) => [m.userId, m.role])).toEqual([
      [owner.id, 'member'],
      [other.id, 'owner'],
    ]);
    await expect(changeMemberRole(sys, { userId: 'nope', role: 'admin' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('an owner demoted in the meantime can no longer act as owner', async () => {
    const a = await newUser();
    const b = await newUser();
    const ws = await createWorkspace(ctx(), { name: 'Race', ownerUserId: a.id });
    await ctx().db.insert(memberships).values({ workspaceId: ws.id, userId: b.id, role: 'owner' });
    // `a` authenticated as owner, then `b` demoted `a` before a's change ran.
    const asA = ctx({ type: 'user', userId: a.id, role: 'owner' }, ws.id);
    await changeMemberRole(ctx({ type: 'user', userId: b.id, role: 'owner' }, ws.id), { userId: a.id, role: 'admin' });
    await expect(changeMemberRole(asA, { userId: b.id, role: 'member' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('two admins inviting the same address at once leave exactly one open invitation', async () => {
    const owner = await newUser();
    const ws = await createWorkspace(ctx(), { name: 'Invites', ownerUserId: owner.id });
    const asOwner = ctx({ type: 'user', userId: owner.id, role: 'owner' }, ws.id);
    const results = await Promise.allSettled([
      createInvitation(asOwner, { email: 'same@example.test', role: 'member' }),
      createInvitation(asOwner, { email: 'SAME@example.test', role: 'viewer' }),
    ]);
    // Each either succeeded or lost the race with a clear CONFLICT; never a crash.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    const open = await ctx()
      .db.select()
      .from(invitations)
      .where(and(eq(invitations.workspaceId, ws.id), isNull(invitations.revokedAt), isNull(invitations.acceptedAt)));
    expect(open).toHaveLength(1);
  });

  it('an invitation link works once even when two people click it at the same moment', async () => {
    const owner = await newUser();
    const ws = await createWorkspace(ctx(), { name: 'Once', ownerUserId: owner.id });
    await createInvitation(ctx({ type: 'user', userId: owner.id, role: 'owner' }, ws.id), { email: 'once@example.test', role: 'member' });
    const token = tokenOf(sent.at(-1)!);
    const [x, y] = [await newUser(), await newUser()];
    const results = await Promise.allSettled([
      acceptInvitation(ctx({ type: 'user', userId: x.id }), { token }),
      acceptInvitation(ctx({ type: 'user', userId: y.id }), { token }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'GONE' });
    const members = await ctx().db.select().from(memberships).where(eq(memberships.workspaceId, ws.id));
    expect(members).toHaveLength(2);
    const accepted = await ctx().db.select().from(auditEvents).where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'invitation.accepted')));
    expect(accepted).toHaveLength(1);
  });
});
