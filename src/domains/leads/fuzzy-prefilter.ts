/**
 * Substrings of which a text must hold at least one for `term <% text` to be true: a cheap
 * test (`strpos`) that lets the costly word similarity (~14 µs a row at 1M leads) run on a few
 * rows instead of every row walked. Null when no such set can be derived.
 *
 * Why it is exact (never drops a match): for a one-word term pg_trgm takes the n distinct
 * trigrams of "  term " (3 padded ones, the rest the term's 3-letter windows). A word
 * similarity of at least 0.6 needs at least m = floor(0.6 n) of them in the text, so at most
 * n - m are missing, and among any n - m + 1 of them one is present. A present window is three
 * consecutive letters of one of the text's words, so the text holds it as a substring.
 *
 * Only for terms of ASCII letters and digits (folded): word characters in every locale, so the
 * trigram set is known here. Assumes the default threshold: a lower one set on the server would
 * make the filter drop close spellings between the two thresholds, never add wrong ones.
 */
export function fuzzyPrefilter(term: string): string[] | null {
  if (!/^[a-z0-9]+$/.test(term)) return null;
  const windows = [...new Set(Array.from({ length: Math.max(0, term.length - 2) }, (_, i) => term.slice(i, i + 3)))];
  const n = windows.length + 3;
  const needed = Math.floor((n * 6) / 10); // pg_trgm's default word_similarity_threshold, 0.6
  const pick = n - needed + 1;
  return windows.length >= pick ? windows.slice(0, pick) : null;
}
