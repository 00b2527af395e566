import { describe, expect, it } from 'vitest';
import { leadStatisticsStale, lookupStatisticsStale } from '../lead-statistics.js';

describe('leadStatisticsStale', () => {
  it.each<[number, number | null, boolean]>([
    [-1, null, true], // never analyzed
    [-1, 0, true],
    [0, 500, false], // a few rows: not worth an ANALYZE
    [0, 1_001, true],
    [5_000, 4_000, false],
    [5_000, 5_001, true], // the table more than doubled since
    [1_000_000, 900_000, false],
    [1_000_000, null, false],
  ])('analyzed %d, changed %j → %s', (analyzed, changed, stale) => expect(leadStatisticsStale(analyzed, changed)).toBe(stale));
});

describe('lookupStatisticsStale', () => {
  it.each<[number, number | null, boolean]>([
    [-1, null, true], // never analyzed
    [0, 900, false], // a few rows
    [0, 1_001, true],
    [2_000, 3_000, false],
    [2_000, 4_001, true], // more than doubled
    [1_000_000, 1_900_000, false],
    [1_000_000, null, false],
  ])('analyzed %d, live %j → %s', (analyzed, live, stale) => expect(lookupStatisticsStale(analyzed, live)).toBe(stale));
});
