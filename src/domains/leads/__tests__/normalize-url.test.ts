import { describe, expect, it } from 'vitest';
import { normalizeLinkedinUrl } from '../normalize-linkedin.js';
import { normalizeDomain, normalizeTwitterUrl, normalizeWebsite } from '../normalize-url.js';

describe('normalizeLinkedinUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/john-doe', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/in/john-doe/', 'https://www.linkedin.com/in/john-doe'],
    ['http://linkedin.com/in/John-Doe', 'https://www.linkedin.com/in/john-doe'],
    ['linkedin.com/in/john-doe', 'https://www.linkedin.com/in/john-doe'],
    ['www.linkedin.com/in/john-doe?trk=public_profile', 'https://www.linkedin.com/in/john-doe'],
    ['https://fr.linkedin.com/in/jean-dupont-123a45b6/?originalSubdomain=fr', 'https://www.linkedin.com/in/jean-dupont-123a45b6'],
    ['https://uk.linkedin.com/in/jane-smith', 'https://www.linkedin.com/in/jane-smith'],
    ['https://de.linkedin.com/in/hans-m%C3%BCller', 'https://www.linkedin.com/in/hans-m%C3%BCller'],
    ['https://www.linkedin.com/in/Hans-Müller/', 'https://www.linkedin.com/in/hans-m%C3%BCller'],
    ['https://m.linkedin.com/in/john-doe', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/mwlite/in/john-doe', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/in/john-doe/en', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/in/john-doe/details/experience/', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/in/john-doe#about', 'https://www.linkedin.com/in/john-doe'],
    ['https://www.linkedin.com/pub/john-doe/12/345/678', 'https://www.linkedin.com/in/john-doe-67834512'],
    ['http://www.linkedin.com/pub/dan-smith/0/1b/a32', 'https://www.linkedin.com/in/dan-smith-a3201b0'],
    ['https://www.linkedin.com/pub/jane-roe/', 'https://www.linkedin.com/in/jane-roe'],
    ['https://www.linkedin.com/company/acme-inc/', 'https://www.linkedin.com/company/acme-inc'],
    ['https://www.linkedin.com/company/acme-inc/about/?viewAsMember=true', 'https://www.linkedin.com/company/acme-inc'],
    ['https://www.linkedin.com/school/mit/', 'https://www.linkedin.com/school/mit'],
  ])('%s → %s', (input, url) => {
    expect(normalizeLinkedinUrl(input)).toMatchObject({ ok: true, url });
  });

  it('gives /in/ and /pub/ forms of one person the same URL', () => {
    const a = normalizeLinkedinUrl('linkedin.com/pub/dan-smith/0/1b/a32/');
    const b = normalizeLinkedinUrl('https://fr.linkedin.com/in/Dan-Smith-a3201b0?locale=fr_FR');
    expect(a).toEqual(b);
  });

  it.each([
    'https://www.facebook.com/in/john-doe',
    'https://www.linkedin.com/',
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/sales/lead/ACwAAA,NAME_SEARCH',
    'john-doe',
    'not a url at all',
    'https://evil-linkedin.com/in/john',
  ])('flags %s', (input) => {
    expect(normalizeLinkedinUrl(input)).toMatchObject({ ok: false, value: input });
  });
});

describe('normalizeWebsite and normalizeDomain', () => {
  it.each([
    ['acme.com', 'https://acme.com', 'acme.com'],
    ['www.acme.com', 'https://www.acme.com', 'acme.com'],
    ['HTTP://WWW.Acme.COM/', 'http://www.acme.com', 'acme.com'],
    ['https://acme.com/en/about/', 'https://acme.com/en/about', 'acme.com'],
    ['https://shop.acme.co.uk?ref=x', 'https://shop.acme.co.uk?ref=x', 'shop.acme.co.uk'],
    ['https://münchen.de', 'https://xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['www2.acme.com', 'https://www2.acme.com', 'acme.com'],
  ])('%s → %s (%s)', (input, url, domain) => {
    expect(normalizeWebsite(input)).toEqual({ ok: true, url, domain });
  });

  it.each(['acme', 'http://localhost:3000', 'https://192.168.0.1', 'ftp://acme.com', 'acme .com', 'https://-acme.com', 'mailto:x@acme.com'])(
    'flags website %s',
    (input) => {
      expect(normalizeWebsite(input)).toMatchObject({ ok: false, value: input });
    },
  );

  it.each([
    ['acme.com', 'acme.com'],
    ['WWW.ACME.COM', 'acme.com'],
    ['https://www.acme.com/contact', 'acme.com'],
    ['@acme.com', 'acme.com'],
  ])('domain %s → %s', (input, domain) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain });
  });
});

describe('normalizeTwitterUrl', () => {
  it.each([
    ['@Jack', 'https://x.com/jack'],
    ['jack', 'https://x.com/jack'],
    ['twitter.com/jack', 'https://x.com/jack'],
    ['https://mobile.twitter.com/Jack?lang=en', 'https://x.com/jack'],
    ['https://x.com/jack/', 'https://x.com/jack'],
  ])('%s → %s', (input, url) => {
    expect(normalizeTwitterUrl(input)).toEqual({ ok: true, url });
  });

  it.each(['https://twitter.com/home', 'https://facebook.com/jack', 'https://x.com/jack/status/1', '@way_too_long_handle_here'])('flags %s', (input) => {
    expect(normalizeTwitterUrl(input)).toMatchObject({ ok: false });
  });
});
