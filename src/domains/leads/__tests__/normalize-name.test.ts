import { describe, expect, it } from 'vitest';
import { joinName, splitFullName, tidyNamePart } from '../normalize-name.js';

describe('splitFullName', () => {
  it.each([
    ['José Núñez', 'José', 'Núñez', 'José Núñez'],
    ['Ludwig van der Berg', 'Ludwig', 'van der Berg', 'Ludwig van der Berg'],
    ["Mary-Jane O'Neil Jr.", 'Mary-Jane', "O'Neil", "Mary-Jane O'Neil Jr."],
    ['DE LA CRUZ, Juan', 'Juan', 'de la Cruz', 'Juan de la Cruz'],
    ['Smith, John', 'John', 'Smith', 'John Smith'],
    ['Smith, John, Jr.', 'John', 'Smith', 'John Smith Jr.'],
    ['John Smith, Jr.', 'John', 'Smith', 'John Smith, Jr.'],
    ['Dr. Jane Goodall', 'Jane', 'Goodall', 'Dr. Jane Goodall'],
    ['Prof. Dr. Hans Müller', 'Hans', 'Müller', 'Prof. Dr. Hans Müller'],
    ['Juan Carlos de la Cruz', 'Juan', 'de la Cruz', 'Juan Carlos de la Cruz'],
    ['José Ortega y Gasset', 'José', 'Ortega y Gasset', 'José Ortega y Gasset'],
    ['Maria da Silva', 'Maria', 'da Silva', 'Maria da Silva'],
    ['Leonardo di Caprio', 'Leonardo', 'di Caprio', 'Leonardo di Caprio'],
    ['Van Morrison', 'Van', 'Morrison', 'Van Morrison'],
    ['Charles de Gaulle', 'Charles', 'de Gaulle', 'Charles de Gaulle'],
    ['Ursula von der Leyen', 'Ursula', 'von der Leyen', 'Ursula von der Leyen'],
    ['Martin Luther King III', 'Martin', 'King', 'Martin Luther King III'],
    ['John F. Kennedy', 'John', 'Kennedy', 'John F. Kennedy'],
    ['Cher', 'Cher', null, 'Cher'],
    ['  jean-pierre   DUPONT ', 'jean-pierre', 'DUPONT', 'jean-pierre DUPONT'],
    ['JEAN-PIERRE DUPONT', 'Jean-Pierre', 'Dupont', 'Jean-Pierre Dupont'],
    ["mary-jane o'neil jr.", 'Mary-Jane', "O'Neil", "Mary-Jane O'Neil Jr."],
    ['RONALD MCDONALD', 'Ronald', 'McDonald', 'Ronald McDonald'],
    ['LUDWIG VAN DER BERG', 'Ludwig', 'van der Berg', 'Ludwig van der Berg'],
    ['JOSÉ NÚÑEZ', 'José', 'Núñez', 'José Núñez'],
    ['Jane Doe, PhD', 'Jane', 'Doe', 'Jane Doe, PhD'],
    ['Mohammed bin Salman', 'Mohammed', 'bin Salman', 'Mohammed bin Salman'],
    ['王小明', '王小明', null, '王小明'],
  ])('%s → %s / %s', (input, first, last, full) => {
    expect(splitFullName(input)).toEqual({ first, last, full });
  });

  it('returns nulls for blank input', () => {
    expect(splitFullName('   ')).toEqual({ first: null, last: null, full: null });
  });
});

describe('tidyNamePart and joinName', () => {
  it.each([
    ['JOHN', 'first', 'John'],
    ['  john ', 'first', 'John'],
    ['McDonald', 'last', 'McDonald'],
    ['VAN DER BERG', 'last', 'van der Berg'],
    ["O'NEIL", 'last', "O'Neil"],
    ['Núñez', 'last', 'Núñez'],
    ['de la Cruz', 'last', 'de la Cruz'],
    ['', 'first', null],
  ] as const)('%s (%s) → %s', (input, kind, out) => {
    expect(tidyNamePart(input, kind)).toBe(out);
  });

  it('joins first and last', () => {
    expect(joinName('Ludwig', 'van der Berg')).toBe('Ludwig van der Berg');
    expect(joinName(null, 'Smith')).toBe('Smith');
    expect(joinName(null, null)).toBeNull();
  });
});
