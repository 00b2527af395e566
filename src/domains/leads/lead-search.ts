import { and, or, sql, type SQL } from 'drizzle-orm';
import { likeEscape } from './compile-lead-filter.js';
import { leads } from './leads.tables.js';
import { foldText } from './normalize-text.js';

/** Terms shorter than this cannot use the trigram index: they match as prefixes on btrees instead. */
export const FUZZY_MIN_LENGTH = 3;
const MAX_TERMS = 8;

/**
 * Quick search over names, email, company and domain (`search_text`, folded like the query).
 *
 * - Terms of 3+ characters: substring (`ILIKE`) or close spelling (`<%`, pg_trgm word
 *   similarity, so "mcdonlad" finds "McDonald"), both served by the trigram GIN index. Every
 *   term must match; shorter terms in the same query only narrow the rows the long ones found.
 * - A query of only 1–2 characters: prefix of the last name, the company or the email, each an
 *   index range (btree), never an unbounded trigram scan (1.5–2.8 s at 1M rows, DESIGN.md).
 *
 * Returns undefined for a blank query.
 */
export function searchCondition(q: string): SQL | undefined {
  const terms = foldText(q).split(' ').filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length === 0) return undefined;
  const long = terms.filter((t) => t.length >= FUZZY_MIN_LENGTH);
  if (long.length === 0) return prefixCondition(terms.join(' '));
  return and(
    ...terms.map((t) => {
      const contains = sql`${leads.searchText} ilike ${`%${likeEscape(t)}%`}`;
      return t.length >= FUZZY_MIN_LENGTH ? or(contains, sql`${t}::text <% ${leads.searchText}`) : contains;
    }),
  );
}

function prefixCondition(prefix: string): SQL {
  const p = likeEscape(prefix);
  // sort_last_name / sort_company are '1' || folded value in the "C" collation, so LIKE 'x%' is an index range.
  return or(
    sql`${leads.sortLastName} like ${`1${p}%`}`,
    sql`${leads.sortCompany} like ${`1${p}%`}`,
    sql`${leads.emailNormalized} like ${`${p}%`}`,
  )!;
}
