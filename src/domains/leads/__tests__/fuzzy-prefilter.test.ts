import { describe, expect, it } from 'vitest';
import { fuzzyPrefilter } from '../fuzzy-prefilter.js';

describe('fuzzyPrefilter', () => {
  it.each([
    // n distinct trigrams = 3 padded + windows; at most n - floor(0.6 n) can be missing.
    ['wiliams', ['wil', 'ili', 'lia', 'iam', 'ams']], // n 8, needs 4: any 5 windows
    ['schmidtt', ['sch', 'chm', 'hmi', 'mid', 'idt']], // n 9, needs 5: any 5 of 6 windows
    ['globexanalytics', ['glo', 'lob', 'obe', 'bex', 'exa', 'xan', 'ana', 'nal']], // n 16, needs 9: 8 windows
    ['aaaaaa', null], // one distinct window: n 4, needs 2, would need 3 windows
    ['smth', null], // n 5, needs 3: 3 windows needed, 2 exist
    ['wil', null],
    ["o'neil", null], // not one ASCII word: pg_trgm's words are not known here
    ['müller', null],
  ])('%s → %j', (term, expected) => {
    expect(fuzzyPrefilter(term)).toEqual(expected);
  });
});
