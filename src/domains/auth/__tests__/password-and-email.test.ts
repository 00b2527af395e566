import { describe, expect, it } from 'vitest';
import { emailSchema } from '../email.js';
import { hashPassword, newPasswordSchema, verifyPassword } from '../password.js';

describe('emailSchema', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  Ann.Lee@Example.COM ', 'ann.lee@example.com'],
    ['o+tag@sub.example.co.uk', 'o+tag@sub.example.co.uk'],
  ])('accepts %j as %j', (input, normalized) => {
    expect(emailSchema.parse(input)).toBe(normalized);
  });

  it.each(['', '   ', 'ann', 'ann@', '@example.com', 'ann@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`])('rejects %j', (input) => {
    expect(emailSchema.safeParse(input).success).toBe(false);
  });
});

describe('newPasswordSchema', () => {
  it.each([
    ['0123456789', true],
    ['correct horse battery staple', true],
    ['ünïcødé-pässwörd', true],
    ['x'.repeat(256).replace(/^x/, 'y'), true],
    ['123456789', false],
    ['aaaaaaaaaaaa', false],
    ['y' + 'x'.repeat(256), false],
  ])('%j → %s', (password, ok) => {
    expect(newPasswordSchema.safeParse(password).success).toBe(ok);
  });
});

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('treats a malformed stored hash as a failed check', async () => {
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
  });
});
