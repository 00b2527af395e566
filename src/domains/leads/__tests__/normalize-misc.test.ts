import { describe, expect, it } from 'vitest';
import { checkCustomValue, type CustomFieldDef } from '../custom-values.js';
import { countryCode } from '../normalize-country.js';
import { cleanText, foldText, sortKey } from '../normalize-text.js';

describe('countryCode', () => {
  it.each([
    ['France', 'FR'],
    ['FR', 'FR'],
    ['fr', 'FR'],
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['Allemagne', 'DE'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['England', 'GB'],
    ['España', 'ES'],
    ['Espagne', 'ES'],
    ['Brasil', 'BR'],
    ['The Netherlands', 'NL'],
    ['Nederland', 'NL'],
    ['Côte d’Ivoire', 'CI'],
    ['Czech Republic', 'CZ'],
    ['DEU', 'DE'],
    ['  japan ', 'JP'],
  ])('%s → %s', (input, code) => {
    expect(countryCode(input)).toBe(code);
  });

  it.each(['Atlantis', 'XX', '', 'Europe'])('does not recognise %s', (input) => {
    expect(countryCode(input)).toBeNull();
  });
});

describe('text helpers', () => {
  it('cleans whitespace and invisible characters', () => {
    expect(cleanText('\u200B  Acme \t\n Corp\uFEFF ')).toBe('Acme Corp');
  });
  it.each([
    ['José Núñez', 'jose nunez'],
    ['Müller', 'muller'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['Søren Kierkegård', 'soren kierkegard'],
    ['ＡＣＭＥ', 'acme'],
  ])('folds %s → %s', (input, out) => {
    expect(foldText(input)).toBe(out);
  });
  it('sorts missing values after present ones', () => {
    const keys = [sortKey('zimmer'), sortKey(null), sortKey('Álvarez'), sortKey('')].sort();
    expect(keys).toEqual(['1alvarez', '1zimmer', '2', '2']);
  });
});

describe('checkCustomValue', () => {
  const def = (type: CustomFieldDef['type'], options: string[] = []): CustomFieldDef => ({ key: 'f', label: 'F', type, options });
  it.each([
    [def('text'), '  hello ', 'hello'],
    [def('number'), 42.5, 42.5],
    [def('boolean'), false, false],
    [def('date'), '2024-02-29', '2024-02-29'],
    [def('select', ['Gold', 'Silver']), 'gold', 'Gold'],
    [def('text'), null, null],
    [def('number'), '', null],
  ])('accepts %#', (d, value, out) => {
    expect(checkCustomValue(d, value)).toEqual({ ok: true, value: out });
  });
  it.each([
    [def('text'), 12, 'a string'],
    [def('text'), 'x'.repeat(5001), 'at most'],
    [def('number'), '12', 'a number'],
    [def('number'), Number.NaN, 'a number'],
    [def('boolean'), 'true', 'true or false'],
    [def('date'), '2023-02-29', 'real calendar date'],
    [def('date'), '29/02/2024', 'YYYY-MM-DD'],
    [def('select', ['Gold']), 'Bronze', 'one of: Gold'],
  ])('rejects %#', (d, value, message) => {
    const r = checkCustomValue(d, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});
