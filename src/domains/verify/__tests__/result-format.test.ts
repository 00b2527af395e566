import { describe, expect, it } from 'vitest';
import { buildResult } from '../build-result.js';
import { csvHeader, csvLine, readAddressFile } from '../result-format.js';

describe('readAddressFile', () => {
  it.each([
    ['a@x.com\n\n  b@y.com \r\nc@z.com\n', ['a@x.com', 'b@y.com', 'c@z.com']],
    ['\uFEFFemail\na@x.com\n', ['email', 'a@x.com']],
    ['name,email\n"Doe, Jane",jane@x.com\nBob,\n', ['jane@x.com']],
    ['First Name;Work Email;Company\nA;a@x.com;X\n', ['a@x.com']],
    ['id\tE-mail\n1\tb@y.com\n', ['b@y.com']],
  ])('%j → %j', (text, expected) => {
    expect(readAddressFile(text)).toEqual(expected);
  });

  it('refuses a CSV without an email column', () => {
    expect(() => readAddressFile('name,company\nA,B\n')).toThrow(/no email column/);
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
