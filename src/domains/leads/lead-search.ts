import { and, or, sql, type SQL } from 'drizzle-orm';
import { likeEscape } from './like-escape.js';
import { fuzzyPrefilter } from './fuzzy-prefilter.js';
import { leads } from './leads.tables.js';
import { foldText } from './normalize-text.js';

/** Terms shorter than this cannot use the trigram index: they match as prefixes on btrees instead. */
export const FUZZY_MIN_LENGTH = 3;
const MAX_TERMS = 8;

const termsOf = (q: string) => foldText(q).split(' ').filter(Boolean).slice(0, MAX_TERMS);
/** "ada@acme.com", "ada.lovelace@": an address (or its start), looked up on the email btree. */
const isEmailTerm = (t: string) => t.indexOf('@') > 0;

/**
 * Quick search over names, email, company, domain, title and city (`search_text`, folded like
 * the query). Every term must match.
 *
 * - Terms of 3+ characters match as substrings (`ILIKE`, trigram GIN index or a filter on the
 *   sort index, whichever the planner finds cheaper).
 * - A term holding an address (`x@y`) is a prefix of `email_normalized` (btree range): a GIN
 *   lookup of its ~40 trigrams, some in every row ("com"), took over a second at 2M rows.
 * - A query of only 1–2 characters: prefix of the last name, the company or the email, each an
 *   index range (btree), never an unbounded trigram scan (1.5–2.8 s at 1M rows, DESIGN.md).
 * - `fuzzy`: close spellings too (`<%`, pg_trgm word similarity: "wiliams" finds "Williams").
 *   Costly per row (~20× ILIKE), so the caller asks for it only when the plain search finds
 *   nothing in the workspace (see `needsFuzzySearch`), and it runs only on rows that pass a
 *   substring test it implies (fuzzy-prefilter.ts).
 *
 * Returns undefined for a blank query.
 */
export function searchCondition(q: string, options: { fuzzy?: boolean } = {}): SQL | undefined {
  const terms = termsOf(q);
  if (terms.length === 0) return undefined;
  if (terms.every((t) => t.length < FUZZY_MIN_LENGTH && !isEmailTerm(t))) return prefixCondition(terms.join(' '));
  return and(
    ...terms.map((t) => {
      if (isEmailTerm(t)) return sql`${leads.emailNormalized} like ${`${likeEscape(t)}%`}`;
      const contains = sql`${leads.searchText} ilike ${`%${likeEscape(t)}%`}`;
      return options.fuzzy && t.length >= FUZZY_MIN_LENGTH ? or(contains, closeSpelling(t)) : contains;
    }),
  );
}

/** Whether a search could find more with close spellings (it has a term of 3+ characters that is not an address). */
export function fuzzyPossible(q: string): boolean {
  return termsOf(q).some((t) => t.length >= FUZZY_MIN_LENGTH && !isEmailTerm(t));
}

/** `t <% search_text`, behind a substring test that most rows fail cheaply (fuzzy-prefilter.ts): 76 → 19 ms for a typo at 1M leads. */
function closeSpelling(t: string): SQL {
  const similar = sql`${t}::text <% ${leads.searchText}`;
  const windows = fuzzyPrefilter(t);
  if (!windows) return similar;
  return sql`((${sql.join(windows.map((w) => sql`strpos(${leads.searchText}, ${w}) > 0`), sql` or `)}) and ${similar})`;
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
