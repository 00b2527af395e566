import { sql, type SQL } from 'drizzle-orm';
import { likeEscape } from './like-escape.js';
import { leads } from './leads.tables.js';
import { foldText } from './normalize-text.js';

/** Shorter substrings hold no trigram: `search_text LIKE '%ab%'` would read the whole trigram index. */
const MIN_LENGTH = 3;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * A condition on `search_text` that a substring filter on a field held in it (contains or
 * starts_with on email, first, last or full name, company domain) implies, so that a count can
 * read the leads the trigram index names instead of every lead of the workspace (email contains
 * "smith", 1 % of 1M leads: ~650 → ~40 ms; a rare term ~14 ms; docs/BENCHMARKS.md). The caller
 * ANDs it with the exact condition, which alone decides: this one may let through leads that do
 * not match, never keep out one that does.
 *
 * Why that holds: `search_text` is foldText() of the fields joined by spaces (normalize-lead.ts),
 * and the exact test is `lower(field) LIKE lower(pattern)`. For a term of printable ASCII that
 * folding leaves as its lower case (no leading, trailing or doubled blanks), every character of
 * a matching stretch of the field lower-cases, in PostgreSQL, to that ASCII character; folding
 * maps each such character ('A', 'a', and the few others whose lower case is ASCII, such as
 * the Kelvin sign or 'İ') to the same one, and keeps the single blanks between them. So the
 * folded field, and with it `search_text`, holds the lower-cased term. Other terms (accents,
 * ß, which folding rewrites; 1–2 characters) get no prefilter: the filter is then exact as before.
 *
 * Returns undefined when the term cannot be prefiltered.
 */
export function searchTextImplied(term: string): SQL | undefined {
  const implied = impliedSubstring(term);
  return implied === undefined ? undefined : sql`${leads.searchText} like ${`%${likeEscape(implied)}%`}`;
}

/** The substring of `search_text` that a match of `term` implies (its lower case), or undefined (see searchTextImplied). */
export function impliedSubstring(term: string): string | undefined {
  const lower = term.toLowerCase();
  return lower.length >= MIN_LENGTH && PRINTABLE_ASCII.test(term) && foldText(term) === lower ? lower : undefined;
}
