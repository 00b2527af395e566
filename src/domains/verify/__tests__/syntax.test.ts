import { describe, expect, it } from 'vitest';
import { parseEmail } from '../syntax.js';
import { editDistance, suggestDomain, suggestEmail } from '../typo.js';

describe('parseEmail', () => {
  it.each([
    ['  John.Doe@Example.COM ', 'john.doe@example.com'],
    ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@例え.jp', 'user@xn--r8jz45g.jp'],
    ['user@example.com.', 'user@example.com'],
    ['x@example.xn--p1ai', 'x@example.xn--p1ai'],
  ])('accepts %j as %s', (input, email) => {
    expect(parseEmail(input)).toMatchObject({ ok: true, email });
  });

  it.each([
    ['plainaddress'],
    ['@example.com'],
    ['user@'],
    ['"quoted"@example.com'],
    ['user(comment)@example.com'],
    ['user@[127.0.0.1]'],
    ['user@localhost'],
    ['user@example.c0m'],
    ['user@example.c'],
    ['user@-example.com'],
    ['user@exa_mple.com'],
    ['.user@example.com'],
    ['us..er@example.com'],
    ['user.@example.com'],
    ['a@b@example.com'],
    [`${'a'.repeat(65)}@example.com`],
    [`user@${'a'.repeat(64)}.com`],
    [`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`],
    ['user name@example.com'],
  ])('rejects %j', (input) => {
    expect(parseEmail(input).ok).toBe(false);
  });

  it('keeps the 64 / 63 limits inclusive', () => {
    expect(parseEmail(`${'a'.repeat(64)}@example.com`).ok).toBe(true);
    expect(parseEmail(`user@${'a'.repeat(63)}.com`).ok).toBe(true);
  });
});

describe('typo suggestions', () => {
  it.each([
    ['gmial.com', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
    ['hotmial.com', 'hotmail.com'],
    ['yaho.com', 'yahoo.com'],
    ['outlok.com', 'outlook.com'],
    ['gmail.con', 'gmail.com'],
    ['gmial.con', 'gmail.com'],
    ['acme.cmo', 'acme.com'],
    ['acme.con', 'acme.com'],
    ['acme.ent', 'acme.net'],
  ])('%s → %s', (domain, fixed) => {
    expect(suggestDomain(domain)).toBe(fixed);
  });

  it.each([['gmail.com'], ['acme.com'], ['example.cm'], ['mail.com'], ['gmx.net'], ['lime.io'], ['bigcorp.de']])('no suggestion for %s', (domain) => {
    expect(suggestDomain(domain)).toBeNull();
  });

  it('suggests the whole address', () => {
    expect(suggestEmail('jane@gmial.com')).toBe('jane@gmail.com');
    expect(suggestEmail('jane@acme.com')).toBeNull();
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('gmial', 'gmail')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
