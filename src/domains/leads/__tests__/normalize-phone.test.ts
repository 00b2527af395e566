import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../normalize-phone.js';

describe('normalizePhone', () => {
  it.each([
    // input, lead country (default region), E.164, type, country
    ['+1 650-253-0000', null, '+16502530000', 'fixed_line_or_mobile', 'US'],
    ['(415) 555-2671', 'US', '+14155552671', 'fixed_line_or_mobile', 'US'],
    ['1-800-555-1234', 'US', '+18005551234', 'toll_free', 'US'],
    ['+1 800 555 1234', 'FR', '+18005551234', 'toll_free', 'US'],
    ['06 12 34 56 78', 'FR', '+33612345678', 'mobile', 'FR'],
    ['01 42 68 53 00', 'FR', '+33142685300', 'fixed_line', 'FR'],
    ['09 70 12 34 56', 'FR', '+33970123456', 'voip', 'FR'],
    ['0800 123 456', 'FR', '+33800123456', 'toll_free', 'FR'],
    ['0033 6 12 34 56 78', 'FR', '+33612345678', 'mobile', 'FR'],
    ['0033 6 12 34 56 78', null, '+33612345678', 'mobile', 'FR'],
    ['+33 (0)6 12 34 56 78', null, '+33612345678', 'mobile', 'FR'],
    ['030 123456', 'DE', '+4930123456', 'fixed_line', 'DE'],
    ['01512 3456789', 'DE', '+4915123456789', 'mobile', 'DE'],
    ['+49 1512 3456789', 'US', '+4915123456789', 'mobile', 'DE'],
    ['020 7946 0958', 'GB', '+442079460958', 'fixed_line', 'GB'],
    ['07400 123456', 'GB', '+447400123456', 'mobile', 'GB'],
    ['0800 123 4567', 'GB', '+448001234567', 'toll_free', 'GB'],
    ['+44 20 7946 0958', 'US', '+442079460958', 'fixed_line', 'GB'],
    ['912 34 56 78', 'ES', '+34912345678', 'fixed_line', 'ES'],
    ['612 34 56 78', 'ES', '+34612345678', 'mobile', 'ES'],
    ['02 1234 5678', 'AU', '+61212345678', 'fixed_line', 'AU'],
    ['0412 345 678', 'AU', '+61412345678', 'mobile', 'AU'],
    ['98765 43210', 'IN', '+919876543210', 'mobile', 'IN'],
    ['11 91234-5678', 'BR', '+5511912345678', 'mobile', 'BR'],
    ['090-1234-5678', 'JP', '+819012345678', 'mobile', 'JP'],
  ])('%s in %s → %s (%s, %s)', (input, country, e164, type, phoneCountry) => {
    const r = normalizePhone(input, country);
    expect(r).toMatchObject({ ok: true, e164, type, country: phoneCountry });
  });

  it('keeps the extension apart from the E.164 number', () => {
    expect(normalizePhone('+1 (201) 555-0123 ext. 12')).toEqual({ ok: true, e164: '+12015550123', type: 'fixed_line_or_mobile', country: 'US', ext: '12' });
  });

  it.each([
    ['12345', 'US', 'not a valid phone number'],
    ['06 12 34 56 78', null, 'without a country'],
    ['not a phone', 'FR', 'not a valid phone number'],
    ['+33 1', null, 'not a valid phone number'],
    ['+1 555 0100 0000 0000', null, 'not a valid phone number'],
  ])('flags %s (country %s) and keeps it as given', (input, country, issue) => {
    const r = normalizePhone(input, country);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.phone).toBe(input);
      expect(r.issue).toContain(issue);
    }
  });

  it('ignores a default region that is not an ISO code', () => {
    expect(normalizePhone('+33612345678', 'France')).toMatchObject({ ok: true, e164: '+33612345678' });
  });
});
