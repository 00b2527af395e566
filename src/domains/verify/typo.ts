import { memoize } from '../../core/memo.js';

/** Provider domains people mistype most; a near miss of one of these gets a suggestion. */
const POPULAR_DOMAINS = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'icloud.com',
  'me.com', 'aol.com', 'protonmail.com', 'proton.me', 'gmx.com', 'gmx.de', 'web.de', 'yandex.ru', 'mail.ru',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'yahoo.co.uk', 'hotmail.co.uk', 'yahoo.fr', 'hotmail.fr',
  'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'qq.com', '163.com', 'mail.com', 'email.com', 'gmx.net', 'ymail.com',
  'rocketmail.com', 'zoho.com', 'yandex.com',
];
const POPULAR_SET = new Set(POPULAR_DOMAINS);

/** TLD typos that are not real TLDs (cm and om are: Cameroon and Oman are left alone). */
const TLD_FIXES: Record<string, string> = {
  con: 'com', cmo: 'com', ocm: 'com', vom: 'com', xom: 'com', cpm: 'com', comm: 'com', coom: 'com', cim: 'com', ent: 'net', nte: 'net', nt: 'net', ner: 'net', orgg: 'org', ogr: 'org', rog: 'org', og: 'org',
};

/** Damerau–Levenshtein (optimal string alignment) distance; past `max` it answers max + 1 early. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // Three rolling rows (i - 2, i - 1, i) are all the recurrence needs.
  let prev2 = new Uint16Array(width);
  let prev = Uint16Array.from({ length: width }, (_, j) => j);
  let row = new Uint16Array(width);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}

/**
 * A corrected domain for a likely typo (gmial.com → gmail.com, example.con → example.com),
 * or null. Popular domains are matched within an edit distance of 1 (2 for names of 10+ characters).
 */
export const suggestDomain = memoize(suggestDomainUncached, 50_000);

function suggestDomainUncached(domain: string): string | null {
  if (POPULAR_SET.has(domain)) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of POPULAR_DOMAINS) {
    const limit = candidate.length >= 10 ? 2 : 1;
    const dist = editDistance(domain, candidate, limit);
    if (dist <= limit && dist < bestDistance) {
      best = candidate;
      bestDistance = dist;
    }
  }
  if (best) return best;
  const dot = domain.lastIndexOf('.');
  const tld = domain.slice(dot + 1);
  const fixed = TLD_FIXES[tld];
  if (dot > 0 && fixed) {
    const corrected = `${domain.slice(0, dot)}.${fixed}`;
    return suggestDomainUncached(corrected) ?? corrected;
  }
  return null;
}

/** The whole address with its domain corrected, or null. */
export function suggestEmail(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const fixed = suggestDomain(email.slice(at + 1));
  return fixed ? `${email.slice(0, at)}@${fixed}` : null;
}
