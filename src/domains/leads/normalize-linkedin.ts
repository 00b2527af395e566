import { cleanText } from './normalize-text.js';
import { parseWebUrl, type UrlResult } from './normalize-url.js';

const CANONICAL_BASE = 'https://www.linkedin.com';
/** Public pages with a stable slug; everything after the slug (tabs, locale, tracking) is dropped. */
const SLUG_KINDS = new Set(['in', 'company', 'school', 'showcase']);

/**
 * LinkedIn profile and company URLs in one canonical form, so that the same person matches
 * whatever variant was pasted: locale and mobile subdomains (fr., uk., m.), missing scheme,
 * query strings, trailing slashes, sub-pages (/details/…, /en), upper-case slugs, percent
 * encoding, and the retired `/pub/name/a/b/c` form (which LinkedIn redirects to /in/name-cba).
 */
export function normalizeLinkedinUrl(input: string): UrlResult<{ url: string; kind: string }> {
  const given = cleanText(input);
  const invalid = (issue: string) => ({ ok: false as const, value: given, issue });
  const url = parseWebUrl(given);
  if (!url || !/^(?:[a-z]{1,3}\.)?linkedin\.com$/.test(url.hostname.replace(/^www\./, ''))) return invalid('not a LinkedIn URL');
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => safeDecode(s));
  if (segments[0] === 'mwlite') segments.shift();
  const kind = segments[0]?.toLowerCase();
  if (kind === 'pub') {
    const [, name, a, b, c] = segments;
    if (!name || !isSlug(name)) return invalid('not a LinkedIn profile or company URL');
    if (a && b && c && [a, b, c].every((s) => /^[0-9a-f]{1,3}$/i.test(s))) {
      const id = `${c.padStart(3, '0')}${b.padStart(3, '0')}${a}`.toLowerCase();
      return { ok: true, kind: 'in', url: `${CANONICAL_BASE}/in/${encodeSlug(`${name}-${id}`)}` };
    }
    return { ok: true, kind: 'in', url: `${CANONICAL_BASE}/in/${encodeSlug(name)}` };
  }
  const slug = segments[1];
  if (!kind || !SLUG_KINDS.has(kind) || !slug || !isSlug(slug)) return invalid('not a LinkedIn profile or company URL');
  return { ok: true, kind, url: `${CANONICAL_BASE}/${kind}/${encodeSlug(slug)}` };
}

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isSlug(s: string) {
  return s.length <= 200 && /^[\p{L}\p{N}_.%&'-]+$/u.test(s);
}

/** Slugs are case-insensitive on LinkedIn; the canonical form is lower-case and percent-encoded. */
function encodeSlug(slug: string) {
  return encodeURIComponent(slug.normalize('NFC').toLowerCase());
}
