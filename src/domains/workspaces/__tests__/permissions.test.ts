import { describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../../core/context.js';
import type { Role } from '../../../core/roles.js';
import { invitationMail } from '../invitation-mail.js';
import { actorOutranksOrEquals, assertActorRole } from '../permissions.js';

const ctxAs = (actor: Actor) => ({ actor }) as Ctx;

describe('actorOutranksOrEquals: nobody hands out more than they hold', () => {
  const cases: Array<[Actor, Role, boolean]> = [
    [{ type: 'user', role: 'owner' }, 'owner', true],
    [{ type: 'user', role: 'admin' }, 'owner', false],
    [{ type: 'user', role: 'admin' }, 'admin', true],
    [{ type: 'user', role: 'member' }, 'admin', false],
    [{ type: 'user', role: 'member' }, 'viewer', true],
    [{ type: 'api_key', role: 'admin' }, 'admin', true],
    [{ type: 'api_key', role: 'member' }, 'admin', false],
    [{ type: 'api_key', role: 'viewer' }, 'member', false],
    [{ type: 'anonymous' }, 'viewer', false],
    [{ type: 'system' }, 'owner', true],
  ];
  it.each(cases)('%j may grant %s: %s', (actor, role, expected) => {
    expect(actorOutranksOrEquals(ctxAs(actor), role)).toBe(expected);
  });
});

describe('assertActorRole', () => {
  it('refuses a role below the minimum with FORBIDDEN and lets the system through', () => {
    expect(() => assertActorRole(ctxAs({ type: 'user', role: 'member' }), 'admin', 'invite members')).toThrow(/cannot invite members; it needs admin/);
    expect(() => assertActorRole(ctxAs({ type: 'api_key', role: 'admin' }), 'admin', 'x')).not.toThrow();
    expect(() => assertActorRole(ctxAs({ type: 'system' }), 'owner', 'x')).not.toThrow();
  });
});

describe('invitationMail', () => {
  it('names the workspace, the inviter and the role, and carries the link', () => {
    const mail = invitationMail({
      to: 'jane@example.test',
      workspaceName: 'Acme',
      inviter: 'Olive',
      role: 'member',
      link: 'https://x.test/invite/tok',
      expiresAt: new Date('2026-01-08T09:30:00Z'),
    });
    expect(mail.to).toBe('jane@example.test');
    expect(mail.subject).toBe('Join Acme on Leadforge');
    expect(mail.text).toContain('Olive invited you to join the workspace "Acme" on Leadforge as member.');
    expect(mail.text).toContain('https://x.test/invite/tok');
    expect(mail.text).toContain('2026-01-08 09:30 UTC');
    const anonymous = invitationMail({ to: 'a@b.test', workspaceName: 'Acme', inviter: null, role: 'viewer', link: 'l', expiresAt: new Date() });
    expect(anonymous.text).toMatch(/^You have been invited/);
  });
});
