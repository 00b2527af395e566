import { describe, expect, it } from 'vitest';
import { buildResult } from '../build-result.js';
import { csvHeader, csvLine, readAddressFile } from '../result-format.js';

describe('readAddressFile', () => {
  it.each([
    ['a@x.com\n\n  b@y.com \r\nc@z.com\n', ['a@x.com', 'b@y.com', 'c@z.com']],
    ['\uFEFFemail\na@x.com\n', ['a@x.com']],
    ['E-mail\nA@x.com\n', ['A@x.com']],
    // No header naming the column: the one whose values are addresses.
    ['Jane,jane@x.com,Acme\nBob,bob@y.com,Beta\n', ['jane@x.com', 'bob@y.com']],
    ['name,contact,company\nJane,jane@x.com,Acme\n', ['jane@x.com']],
    ['name,email\n"Doe, Jane",jane@x.com\nBob,\n', ['jane@x.com']],
    ['First Name;Work Email;Company\nA;a@x.com;X\n', ['a@x.com']],
    ['id\tE-mail\n1\tb@y.com\n', ['b@y.com']],
  ])('%j → %j', (text, expected) => {
    expect(readAddressFile(text)).toEqual(expected);
  });

  it('refuses a CSV without an email column', () => {
    expect(() => readAddressFile('name,company\nA,B\n')).toThrow(/no email column/);
  });

  it('takes the column named by header or 1-based number', () => {
    const text = 'email,backup email\na@x.com,b@x.com\n';
    expect(readAddressFile(text)).toEqual(['a@x.com']);
    expect(readAddressFile(text, 'Backup Email')).toEqual(['b@x.com']);
    expect(readAddressFile(text, '2')).toEqual(['b@x.com']);
    expect(() => readAddressFile(text, 'phone')).toThrow(/not in the header/);
    expect(() => readAddressFile(text, '3')).toThrow(/2 column/);
  });
});

describe('csvLine', () => {
  it('quotes, and defuses cells a spreadsheet would run', () => {
    const r = buildResult({ input: '=cmd@x.com', smtp: 'not_probed', catchAll: null });
    const line = csvLine('=HYPERLINK("x"),y', r);
    expect(line.startsWith(`"'=HYPERLINK(""x""),y",`)).toBe(true);
    expect(line.split(',').length).toBeGreaterThanOrEqual(csvHeader().split(',').length);
  });
});
