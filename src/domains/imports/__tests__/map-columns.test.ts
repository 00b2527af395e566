import { describe, expect, it } from 'vitest';
import { generatedHeaders, hasHeaderRow } from '../detect-header.js';
import { suggestMapping } from '../map-columns.js';
import { valueKinds } from '../value-kinds.js';

const fields = (headers: string[], rows: string[][]) => suggestMapping(headers, rows).map((c) => c.field);

describe('valueKinds', () => {
  it.each([
    ['jane.doe@acme.com', ['email']],
    ['https://www.linkedin.com/in/jane-doe-123/', ['linkedin']],
    ['linkedin.com/in/jdoe', ['linkedin']],
    ['https://twitter.com/jdoe', ['twitter']],
    ['https://acme.com/about', ['url']],
    ['www.acme.io', ['url']],
    ['acme.co.uk', ['domain']],
    ['+33 6 12 34 56 78', ['phone']],
    ['(415) 555-0134', ['phone']],
    ['415.555.0134 ext 12', ['phone']],
    ['250', ['integer']],
    ['Germany', ['country']],
    ['Allemagne', ['country']],
    ['customer', ['stage']],
    ['2024-01-15', []],
    ['Jane', []],
    ['1.2.3.4', []],
    ['', []],
  ])('%j → %j', (value, kinds) => expect(valueKinds(value)).toEqual(kinds));
});

describe('suggestMapping', () => {
  it('maps an Apollo export, giving each canonical field to one column', () => {
    const headers = ['First Name', 'Last Name', 'Title', 'Company', 'Email', 'Email Status', 'Person Linkedin Url', 'Company Linkedin Url', 'Work Direct Phone', 'Mobile Phone', 'Corporate Phone', 'City', 'Company City', '# Employees'];
    const row = ['Jane', 'Doe', 'CTO', 'Acme', 'jane@acme.com', 'Verified', 'https://linkedin.com/in/jane', 'https://linkedin.com/company/acme', '+1 415 555 0134', '+1 415 555 0199', '+1 415 555 0100', 'Austin', 'Austin', '120'];
    expect(fields(headers, [row, row, row])).toEqual([
      'first_name', 'last_name', 'title', 'company', 'email', 'custom.email_status', 'linkedin_url', 'custom.company_linkedin_url',
      'phone', 'mobile_phone', 'custom.corporate_phone', 'city', 'custom.company_city', 'employee_count',
    ]);
  });

  it('recognises columns from their values when headers are meaningless or missing', () => {
    const rows = [
      ['a@x.com', 'https://www.linkedin.com/in/a', '+44 20 7946 0958', 'x.com', 'France', 'https://x.org', 'foo'],
      ['b@y.org', 'https://www.linkedin.com/in/b', '+44 20 7946 0959', 'y.org', 'Spain', 'https://y.org', 'bar'],
      ['c@z.net', 'linkedin.com/in/c', '020 7946 0960', 'z.net', 'Deutschland', 'www.z.net', 'baz'],
    ];
    const mapped = suggestMapping(['col1', 'col2', '', 'field_4', 'x5', 'c6', 'c7'], rows);
    expect(mapped.map((c) => c.field)).toEqual(['email', 'linkedin_url', 'phone', 'company_domain', 'country', 'website', 'custom.c7']);
    expect(mapped.every((c) => c.field === null || c.confidence > 0)).toBe(true);
    expect(mapped[0]!.reason).toBe('values');
  });

  it('distrusts a header its values contradict, and trusts one they confirm', () => {
    const [email, phone] = suggestMapping(['Email', 'Phone'], [['n/a', '+1 212 555 0100'], ['unknown', '+1 212 555 0101'], ['-', '+1 212 555 0102']]);
    expect(email!.confidence).toBeLessThan(0.5);
    expect(phone!.reason).toBe('header+values');
    expect(phone!.confidence).toBeGreaterThan(0.95);
  });

  it('skips empty unnamed columns, keeps named ones, and keeps custom keys unique', () => {
    const mapped = suggestMapping(['Notes?', 'Score', 'score', '', 'Fax'], [['', '1', '2', '', ''], ['', '3', '4', '', '']]);
    expect(mapped.map((c) => c.field)).toEqual(['notes', 'custom.score', 'custom.score_2', null, null]);
  });

  it('a Status column becomes a stage only when its values are stages', () => {
    expect(fields(['Status'], [['Open'], ['Working'], ['Closed']])).toEqual(['custom.status']);
    expect(fields(['Status'], [['new'], ['customer'], ['lost']])).toEqual(['stage']);
  });
});

describe('hasHeaderRow', () => {
  it.each<[string, string[], string[][], boolean]>([
    ['known names', ['Email', 'Company'], [['a@b.co', 'Acme']], true],
    ['unknown names over data', ['Kontaktdaten', 'Blah'], [['a@b.co', '+1 212 555 0100']], true],
    ['an email in the first row', ['jane@acme.com', 'Jane', 'Acme'], [['bob@x.com', 'Bob', 'X']], false],
    ['numbers in the first row', ['1', '2', '3'], [['4', '5', '6']], false],
    ['a blank first row', ['', ''], [['a', 'b']], false],
    ['a phone in the first row', ['Jane', '+1 212 555 0100'], [['Bob', '+1 212 555 0101']], false],
  ])('%s → %s', (_what, first, next, expected) => expect(hasHeaderRow(first, next)).toBe(expected));

  it('names generated columns', () => expect(generatedHeaders(2)).toEqual(['Column 1', 'Column 2']));
});
