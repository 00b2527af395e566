import transliterate from '@sindresorhus/transliterate';
import { splitFullName } from '../leads/index.js';

/** A person's name as it appears in addresses: ASCII, lower case, no spaces or punctuation. */
export interface NameKeys {
  first: string;
  last: string;
}

export interface PersonName {
  firstName?: string | null;
  lastName?: string | null;
  fullName?: string | null;
}

/** Generational and professional suffixes that never appear in an address. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'mba', 'esq', 'cpa', 'dds']);

const ASCII = /^[\x20-\x7e]*$/;

/**
 * One name part for an address: accents to ASCII (José → jose, Łukasz → lukasz), then every
 * particle, compound, hyphen and apostrophe joined ("van der Berg" → vanderberg, "Smith-Jones" →
 * smithjones, "O'Neil" → oneil), suffixes dropped ("Smith Jr." → smith).
 */
export function addressKey(part: string): string {
  // Most names are plain ASCII already; transliterate is the costly step of a bulk find.
  const ascii = ASCII.test(part) ? part : transliterate(part);
  const words = ascii
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => w !== '' && !SUFFIXES.has(w.replace(/\./g, '')));
  return words.join('').replace(/[^a-z0-9]/g, '');
}

/**
 * First and last name keys from whatever was given: first + last, or a full name split the way
 * the leads domain splits names (particles stay with the surname). Null when either part is
 * missing: a pattern needs both.
 */
export function nameKeys(name: PersonName): NameKeys | null {
  let first = name.firstName?.trim() || null;
  let last = name.lastName?.trim() || null;
  if ((!first || !last) && name.fullName?.trim()) {
    const split = splitFullName(name.fullName);
    first ??= split.first;
    last ??= split.last;
  }
  if (!first || !last) return null;
  // A first name of several words ("Mary Jane") is written as its first word in most addresses.
  const firstKey = addressKey(first.split(/\s+/)[0]!);
  const lastKey = addressKey(last);
  return firstKey && lastKey ? { first: firstKey, last: lastKey } : null;
}
