import { cleanText, foldText } from './normalize-text.js';

/**
 * Legal-form suffixes, as token sequences after folding and dropping dots ("S.A.S." → "sas",
 * "Sp. z o.o." → "sp z oo", "A/S" → "a s"). A curated table of our domain: longest first.
 */
const LEGAL_SUFFIXES: string[][] = [
  'gmbh & co kg', 'gmbh & co kgaa', 'gmbh co kg', 'ag & co kg', 'ug haftungsbeschrankt', 'sp z oo', 's de rl de cv', 'sa de cv',
  'pty ltd', 'pte ltd', 'sdn bhd', 'co ltd', 'pvt ltd', 'private limited', 'public limited company', 'limited liability company',
  'a s', 's a', 's l', 's r l', 's r o',
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'ltd', 'limited', 'llp', 'lp', 'plc', 'pllc', 'pc', 'ulc',
  'gmbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'ev', 'eg', 'se', 'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'snc', 'srl', 'spa', 'sl', 'slu',
  'bv', 'nv', 'vof', 'ab', 'as', 'asa', 'aps', 'oy', 'oyj', 'pty', 'pte', 'pvt', 'bhd', 'kk', 'ltda', 'eireli', 'sro', 'kft', 'zrt', 'nyrt',
  'doo', 'ad', 'ehf', 'hf', 'ou', 'spolka', 'cia',
]
  .map((s) => s.split(' '))
  .sort((a, b) => b.length - a.length);

/**
 * Matching key of a company name: accents folded, case and punctuation dropped, a leading
 * "the" and trailing legal forms removed, "&" read as "and". "Acme, Inc." → "acme";
 * "Müller GmbH" → "muller"; "Société Générale SA" → "societe generale". The displayed name is
 * never changed; this key only serves matching, de-duplication and sorting.
 */
export function companyMatchKey(name: string): string {
  const tokens = foldText(name)
    .replace(/(\p{L})\.(?=\p{L}\.)/gu, '$1') // "s.a.s." → "sas."
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}&]+/u)
    .flatMap((t) => (t.length > 1 && t.includes('&') ? t.split(/(&)/).filter(Boolean) : [t]))
    .filter(Boolean);
  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (suffix.length >= tokens.length) continue;
      if (suffix.every((s, i) => tokens[tokens.length - suffix.length + i] === s)) {
        tokens.splice(tokens.length - suffix.length);
        changed = true;
        break;
      }
    }
    while (tokens.length > 1 && (tokens[tokens.length - 1] === '&' || tokens[tokens.length - 1] === 'and')) {
      tokens.pop();
      changed = true;
    }
  }
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.map((t) => (t === '&' ? 'and' : t)).join(' ');
}

/** The displayed company name: whitespace cleaned, otherwise as typed. */
export function cleanCompanyName(name: string): string | null {
  const v = cleanText(name);
  return v === '' ? null : v;
}
