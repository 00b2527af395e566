import { cleanText } from './normalize-text.js';

/**
 * Personal names: full name ↔ first / last. Small curated tables of our domain (particles,
 * suffixes, honorifics); no library knows sales data better than these few rules.
 */

/** Lower-case particles that belong to the surname that follows ("van der Berg", "de la Cruz"). */
const PARTICLES = new Set([
  'van', 'von', 'vom', 'der', 'den', 'dem', 'des', 'de', 'del', 'della', 'delle', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do',
  'du', 'la', 'le', 'les', 'lo', 'ter', 'ten', 'te', 'zu', 'zum', 'zur', 'bin', 'binti', 'bint', 'ibn', 'al', 'el', 'af', 'av', 'st',
]);
/** Particles that join two surnames, pulling in the word before them ("Ortega y Gasset", "Puig i Cadafalch"). */
const CONJUNCTIONS = new Set(['y', 'e', 'i', 'und']);

/** Generational and professional suffixes, compared without dots; value = display form. */
const SUFFIXES: Record<string, string> = {
  jr: 'Jr.', sr: 'Sr.', ii: 'II', iii: 'III', iv: 'IV', phd: 'PhD', md: 'MD', dds: 'DDS', dvm: 'DVM', esq: 'Esq.',
  mba: 'MBA', cpa: 'CPA', cfa: 'CFA', jd: 'JD', rn: 'RN', pe: 'PE', obe: 'OBE', mbe: 'MBE', cbe: 'CBE',
};
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'herr', 'frau', 'mme', 'mlle']);

const bareWord = (token: string) => token.toLowerCase().replace(/\./g, '');
const isParticle = (token: string) => PARTICLES.has(bareWord(token)) || CONJUNCTIONS.has(bareWord(token));
const isSuffix = (token: string) => bareWord(token) in SUFFIXES;
const isHonorific = (token: string) => HONORIFICS.has(bareWord(token));

export interface NameParts {
  first: string | null;
  last: string | null;
  full: string | null;
}

/**
 * "Ludwig van der Berg" → Ludwig / van der Berg; "DE LA CRUZ, Juan" → Juan / de la Cruz (full
 * name in natural order); "Mary-Jane O'Neil Jr." → Mary-Jane / O'Neil (the suffix stays in the
 * full name); "Dr. José Núñez" → José / Núñez. Middle names stay in the full name only. Names
 * typed in all capitals or all lower case are re-cased; mixed case is kept as typed.
 */
export function splitFullName(input: string): NameParts {
  const cleaned = cleanText(input);
  if (cleaned === '') return { first: null, last: null, full: null };
  const recase = needsRecasing(cleaned);
  const parts = cleaned.split(',').map((p) => p.trim()).filter(Boolean);
  const suffixes: string[] = [];
  while (parts.length > 1 && parts[parts.length - 1]!.split(' ').every(isSuffix)) suffixes.unshift(...parts.pop()!.split(' '));

  let firstTokens: string[];
  let lastTokens: string[];
  const reordered = parts.length >= 2;
  if (reordered) {
    // "Last, First [Middle]" as exported by many CRMs and directories.
    lastTokens = parts[0]!.split(' ');
    firstTokens = parts.slice(1).join(' ').split(' ');
    while (firstTokens.length > 1 && isSuffix(firstTokens[firstTokens.length - 1]!)) suffixes.unshift(firstTokens.pop()!);
    while (firstTokens.length > 1 && isHonorific(firstTokens[0]!)) firstTokens.shift();
  } else {
    const tokens = parts[0]!.split(' ');
    while (tokens.length > 1 && isSuffix(tokens[tokens.length - 1]!)) suffixes.unshift(tokens.pop()!);
    while (tokens.length > 1 && isHonorific(tokens[0]!)) tokens.shift();
    if (tokens.length === 1) {
      firstTokens = tokens;
      lastTokens = [];
    } else {
      let i = tokens.length - 1;
      while (i - 1 >= 1 && isParticle(tokens[i - 1]!)) {
        i--;
        if (CONJUNCTIONS.has(bareWord(tokens[i]!)) && i - 1 >= 1) i--;
      }
      firstTokens = [tokens[0]!];
      lastTokens = tokens.slice(i);
    }
  }

  // In "LAST, First" each side is re-cased on its own: the surname is often the only part in capitals.
  const recaseFirst = reordered ? needsRecasing(firstTokens.join(' ')) : recase;
  const recaseLast = reordered ? needsRecasing(lastTokens.join(' ')) : recase;
  const first = firstTokens.length ? casePart(firstTokens[0]!, recaseFirst, 0) : null;
  const last = lastTokens.length ? lastTokens.map((t, i) => casePart(t, recaseLast, i, true)).join(' ') : null;
  let full: string;
  if (reordered) {
    const firstPart = firstTokens.map((t, i) => casePart(t, recaseFirst, i)).join(' ');
    full = [firstPart, last, ...suffixes.map((s) => caseSuffix(s, recase))].filter(Boolean).join(' ');
  } else {
    full = recase ? cleaned.split(' ').map((t, i) => (isSuffix(t) ? caseSuffix(t, true) : casePart(t, true, i))).join(' ') : cleaned;
  }
  return { first, last, full };
}

/** A first or last name given on its own: cleaned, re-cased when typed in one case. */
export function tidyNamePart(input: string, kind: 'first' | 'last'): string | null {
  const cleaned = cleanText(input);
  if (cleaned === '') return null;
  if (!needsRecasing(cleaned)) return cleaned;
  return cleaned
    .split(' ')
    .map((t, i) => casePart(t, true, i, kind === 'last'))
    .join(' ');
}

export function joinName(first: string | null, last: string | null): string | null {
  const full = [first, last].filter(Boolean).join(' ');
  return full === '' ? null : full;
}

function needsRecasing(s: string) {
  const letters = s.replace(/[^\p{L}]/gu, '');
  const upper = letters.toUpperCase();
  const lower = letters.toLowerCase();
  if (upper === lower) return false; // scripts without case
  return letters === upper || letters === lower;
}

/** Particles are lower-case except at the very start of a first name; "O'NEIL" → "O'Neil", "MCDONALD" → "McDonald". */
function casePart(token: string, recase: boolean, index: number, surname = false): string {
  if (!recase) return token;
  if (isParticle(token) && (surname || index > 0)) return token.toLowerCase();
  return token
    .split(/([-'’])/)
    .map((seg) => {
      const lower = seg.toLowerCase();
      const mc = /^mc(\p{L}+)$/u.exec(lower);
      if (mc) return `Mc${capitalize(mc[1]!)}`;
      return capitalize(lower);
    })
    .join('');
}

function caseSuffix(token: string, recase: boolean) {
  return recase ? (SUFFIXES[bareWord(token)] ?? token) : token;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
