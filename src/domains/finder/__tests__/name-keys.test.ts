import { describe, expect, it } from 'vitest';
import { guessDomains } from '../resolve-domain.js';
import { nameKeys } from '../name-keys.js';
import { patternsOf, rankCandidates, renderPattern } from '../patterns.js';

describe('name keys for addresses', () => {
  it.each([
    [{ firstName: 'José', lastName: 'Núñez' }, { first: 'jose', last: 'nunez' }],
    [{ fullName: 'Ludwig van der Berg' }, { first: 'ludwig', last: 'vanderberg' }],
    [{ firstName: 'Mary', lastName: 'Smith-Jones' }, { first: 'mary', last: 'smithjones' }],
    [{ firstName: 'Seán', lastName: "O'Neil" }, { first: 'sean', last: 'oneil' }],
    [{ fullName: 'Martin Luther King Jr.' }, { first: 'martin', last: 'king' }],
    [{ firstName: 'John', lastName: 'Smith III' }, { first: 'john', last: 'smith' }],
    [{ firstName: 'Mary Jane', lastName: 'Watson' }, { first: 'mary', last: 'watson' }],
    [{ firstName: 'Łukasz', lastName: 'Dvořák' }, { first: 'lukasz', last: 'dvorak' }],
    [{ firstName: 'Jürgen', lastName: 'Straße' }, { first: 'juergen', last: 'strasse' }],
    [{ fullName: 'Dr. Zoë Ærø' }, { first: 'zoe', last: 'aero' }],
    [{ fullName: 'DE LA CRUZ, Juan' }, { first: 'juan', last: 'delacruz' }],
  ])('%o → %o', (input, keys) => {
    expect(nameKeys(input)).toEqual(keys);
  });

  it.each([[{ firstName: 'Cher' }], [{ fullName: 'Madonna' }], [{ firstName: '', lastName: 'Smith' }], [{}]])('%o has no keys', (input) => {
    expect(nameKeys(input)).toBeNull();
  });
});

describe('patterns', () => {
  const n = { first: 'ada', last: 'lovelace' };
  it.each([
    ['{first}.{last}', 'ada.lovelace'],
    ['{f}{last}', 'alovelace'],
    ['{first}', 'ada'],
    ['{first}{last}', 'adalovelace'],
    ['{first}_{last}', 'ada_lovelace'],
    ['{f}.{last}', 'a.lovelace'],
    ['{first}{l}', 'adal'],
    ['{last}.{first}', 'lovelace.ada'],
    ['{last}{f}', 'lovelacea'],
    ['{last}', 'lovelace'],
  ] as const)('%s renders %s and is recognised back', (pattern, local) => {
    expect(renderPattern(pattern, n)).toBe(local);
    expect(patternsOf(local, n)).toEqual([pattern]);
  });

  it('puts learnt patterns first and tries each address once', () => {
    const ranked = rankCandidates(n, ['{last}{f}']);
    expect(ranked[0]).toEqual({ local: 'lovelacea', pattern: '{last}{f}' });
    expect(ranked[1]!.pattern).toBe('{first}.{last}');
    expect(new Set(ranked.map((c) => c.local)).size).toBe(ranked.length);
  });

  it('tries an address two patterns share once', () => {
    // "li" + "li": {first} and {last} give the same address.
    const ranked = rankCandidates({ first: 'li', last: 'li' });
    expect(ranked.filter((c) => c.local === 'li')).toHaveLength(1);
  });
});

describe('domains guessed from a company name', () => {
  it.each([
    ['Pied Piper, Inc.', ['piedpiper.com', 'pied-piper.com', 'pied.com']],
    ['Acme GmbH', ['acme.com', 'acme.io']],
    ['Société Générale S.A.', ['societegenerale.com', 'societe-generale.com', 'societe.com']],
  ])('%s → %o first', (company, first) => {
    expect(guessDomains(company).slice(0, first.length)).toEqual(first);
  });
});
