import { cleanText } from './normalize-text.js';

export type UrlResult<T> = ({ ok: true } & T) | { ok: false; value: string; issue: string };

const HOST_LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Parses something a person would type as a web address: scheme optional, http(s) only. */
export function parseWebUrl(input: string): URL | null {
  const v = cleanText(input);
  if (v === '' || /\s/.test(v)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (!isPublicHostname(url.hostname)) return null;
  return url;
}

/** A DNS name with a TLD (IDNs arrive punycoded from URL). IP addresses and "localhost" are not sites. */
export function isPublicHostname(hostname: string): boolean {
  const labels = hostname.replace(/\.$/, '').split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1]!;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) return false;
  return labels.every((l) => HOST_LABEL_RE.test(l));
}

/** "https://www.Acme.com/about" → "acme.com". The registrable part is not guessed: sub.acme.co.uk stays. */
export function domainFromUrl(url: URL): string {
  return url.hostname.replace(/\.$/, '').replace(/^www\d*\./, '');
}

/** Website: scheme added when missing, host lower-cased, a bare trailing slash dropped. */
export function normalizeWebsite(input: string): UrlResult<{ url: string; domain: string }> {
  const url = parseWebUrl(input);
  if (!url) return { ok: false, value: cleanText(input), issue: 'not a valid website URL' };
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}${url.search}`, domain: domainFromUrl(url) };
}

/** Company domain given directly: "https://www.acme.com/x", "WWW.ACME.COM" and "acme.com" → "acme.com". */
export function normalizeDomain(input: string): UrlResult<{ domain: string }> {
  const given = cleanText(input);
  const url = parseWebUrl(given.replace(/^@/, ''));
  if (!url) return { ok: false, value: given, issue: 'not a valid domain name' };
  return { ok: true, domain: domainFromUrl(url) };
}

const TWITTER_RESERVED = new Set(['home', 'i', 'intent', 'share', 'search', 'explore', 'hashtag', 'settings', 'login', 'signup', 'messages', 'notifications']);

/** "@Jack", "twitter.com/jack", "https://mobile.twitter.com/jack?lang=en", "x.com/jack/" → "https://x.com/jack". */
export function normalizeTwitterUrl(input: string): UrlResult<{ url: string }> {
  const given = cleanText(input);
  let handle: string | undefined;
  const bare = /^@?([A-Za-z0-9_]{1,15})$/.exec(given);
  if (bare && (given.startsWith('@') || !given.includes('.'))) handle = bare[1];
  else {
    const url = parseWebUrl(given);
    if (url && /^(?:(?:www|mobile)\.)?(?:twitter|x)\.com$/.test(url.hostname)) {
      const m = /^\/(?:#!\/)?@?([A-Za-z0-9_]{1,15})\/?$/.exec(url.pathname);
      if (m) handle = m[1];
    }
  }
  if (!handle || TWITTER_RESERVED.has(handle.toLowerCase())) return { ok: false, value: given, issue: 'not a valid X/Twitter profile URL or handle' };
  return { ok: true, url: `https://x.com/${handle.toLowerCase()}` };
}
