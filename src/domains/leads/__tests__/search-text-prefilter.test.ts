import { describe, expect, it } from 'vitest';
import { EMPTY_LEAD, normalizeLeadState } from '../normalize-lead.js';
import { foldText } from '../normalize-text.js';
import { impliedSubstring } from '../search-text-prefilter.js';

describe('impliedSubstring', () => {
  it.each([
    ['lab', 'lab'],
    ['LaB', 'lab'],
    ['acme labs', 'acme labs'],
    ['@acme.com', '@acme.com'],
    ['50%_off', '50%_off'],
    ['ab', undefined], // no trigram
    ['müller', undefined], // folding rewrites it
    ['strasse', 'strasse'],
    ['straße', undefined],
    [' lab', undefined], // folding trims
    ['lab ', undefined],
    ['acme  labs', undefined], // folding collapses blanks
    ['lab\t', undefined],
    ['\u212Aelvin', undefined], // the Kelvin sign is not ASCII
  ])('%j → %j', (term, expected) => {
    expect(impliedSubstring(term)).toBe(expected);
  });
});

// What the prefilter relies on: whenever a value's lower case holds an eligible term's, the
// folded value holds it too. Checked on random values drawn from the characters where folding
// and lower-casing part ways (accents as one code point or two, ß, ligatures, full-width forms,
// the Kelvin sign and dotted İ, whose lower case is ASCII, blanks of every kind, invisibles).
describe('folding keeps every eligible substring', () => {
  const ALPHABET = ['a', 'A', 'b', 'B', 'i', 'I', 'k', 'K', 's', 'S', ' ', ' ', '.', '@', '-', '%', '_', '\u212A', 'İ', 'ı', 'ß', 'é', 'e\u0301', '\u00A0', '\u200B', '\u00AD', 'ﬁ', 'Ａ', 'Ø', 'æ', '\t'];
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const rnd = random(42);
  const draw = (n: number) => Array.from({ length: n }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');

  it('for 20,000 random values and every eligible stretch of them', () => {
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = draw(4 + Math.floor(rnd() * 12));
      const lower = value.toLowerCase();
      for (let from = 0; from < lower.length; from++) {
        for (let to = from + 3; to <= Math.min(lower.length, from + 8); to++) {
          const term = lower.slice(from, to);
          const implied = impliedSubstring(term);
          if (implied === undefined) continue;
          checked++;
          if (!foldText(value).includes(implied)) throw new Error(`${JSON.stringify(value)} holds ${JSON.stringify(term)}, its folding ${JSON.stringify(foldText(value))} does not`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('search_text holds each field whole, however long', () => {
    const company = `${'Company '.repeat(60)}Endlabs`;
    const state = normalizeLeadState(
      // Each value within its limit (fields.ts), all of them together over the 2,000 characters search_text was once cut at.
      { full_name: `Ada ${'N'.repeat(180)} Lovelace`, email: `${'a'.repeat(300)}@example.com`, company, title: 'T'.repeat(500), city: `${'C'.repeat(490)} Endcity`, company_domain: 'example.com' },
      EMPTY_LEAD,
      { customFields: [], now: new Date() },
    );
    expect(state.searchText.length).toBeGreaterThan(2000);
    for (const implied of [' lovelace', 'a@example.com', 'endlabs', 'example.com', 'endcity']) expect(state.searchText).toContain(implied);
  });

  it('search_text holds a first or last name given apart from a full name that differs, once', () => {
    const options = { customFields: [], now: new Date() };
    const apart = normalizeLeadState({ full_name: 'Bob Smith', first_name: 'Robert', last_name: 'Smith-Jones' }, EMPTY_LEAD, options);
    expect(apart.searchText).toBe('bob smith robert smith-jones');
    const same = normalizeLeadState({ full_name: 'Ana María de la Cruz', first_name: 'Ana María', last_name: 'de la Cruz' }, EMPTY_LEAD, options);
    expect(same.searchText).toBe('ana maria de la cruz');
    const joined = normalizeLeadState({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' }, EMPTY_LEAD, options);
    expect(joined.searchText).toBe('ada lovelace ada@example.com');
  });
});
