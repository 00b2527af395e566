import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../normalize-email.js';

describe('normalizeEmail', () => {
  it.each([
    ['  John.Doe@Example.COM ', 'john.doe@example.com', 'example.com'],
    ['mailto:Jane@Acme.io', 'jane@acme.io', 'acme.io'],
    ['Jane Doe <JANE@ACME.IO>', 'jane@acme.io', 'acme.io'],
    ['first+tag@sub.domain.co.uk', 'first+tag@sub.domain.co.uk', 'sub.domain.co.uk'],
    ["o'brien@acme.ie", "o'brien@acme.ie", 'acme.ie'],
    ['josé@exämple.de', 'josé@exämple.de', 'exämple.de'],
    ['x@xn--mnchen-3ya.de', 'x@xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['user@acme.com.', 'user@acme.com', 'acme.com'],
  ])('%s → %s', (input, email, domain) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email, domain });
  });

  it.each([
    'john at acme.com',
    'john@acme',
    '@acme.com',
    'john@',
    'john..doe@acme.com',
    '.john@acme.com',
    'john@-acme.com',
    'john@acme.c',
    'john doe@acme.com',
    'n/a',
    `${'a'.repeat(65)}@acme.com`,
  ])('flags %s and keeps it as given', (input) => {
    const r = normalizeEmail(`  ${input} `);
    expect(r.ok).toBe(false);
    expect(r.email).toBe(input);
  });
});
