import { describe, expect, it } from 'vitest';
import { parseAmount, rowToPatch } from '../row-to-patch.js';

describe('parseAmount', () => {
  it.each<[string, number | null]>([
    ['1200', 1200], ['1,200', 1200], ['1 200', 1200], ['$1.2M', 1_200_000], ['51-200', 200], ['10k+', 10_000], ['€ 3,5', 3.5],
    ['12.5', 12.5], ['many', null], ['', null], ['1.2.3', null],
  ])('%j → %j', (raw, n) => expect(parseAmount(raw)).toBe(n));
});

describe('rowToPatch', () => {
  const mapping = [
    { index: 0, header: 'Email', field: 'email' },
    { index: 1, header: 'Employees', field: 'employee_count' },
    { index: 2, header: 'Tags', field: 'tags' },
    { index: 3, header: 'Score', field: 'custom.score' },
    { index: 4, header: 'Ignored', field: null },
    { index: 5, header: 'Status', field: 'stage' },
  ];
  it('builds a patch, leaving empty cells out', () => {
    expect(rowToPatch(['  jane@acme.com ', '1,200', 'a; b', '7', 'x', ''], mapping, ['imported'])).toEqual({
      patch: { email: 'jane@acme.com', employee_count: 1200, tags: ['a', 'b', 'imported'], custom: { score: '7' } },
      problems: [],
    });
  });
  it.each<[string, string[], { column: string; value: string | null; problem: RegExp }]>([
    ['a number', ['a@b.co', 'lots'], { column: 'Employees', value: 'lots', problem: /not a number/ }],
    ['a stage', ['a@b.co', '', '', '', '', 'Open'], { column: 'Status', value: 'Open', problem: /not a stage/ }],
    ['a long email', [`${'x'.repeat(400)}@b.co`], { column: 'Email', value: expect.any(String), problem: /at most 320/ }],
  ])('reports %s problem with its column and value', (_what, cells, problem) => {
    const out = rowToPatch(cells, mapping, []);
    expect(out.patch).toBeNull();
    expect(out.problems).toEqual([expect.objectContaining({ ...problem, problem: expect.stringMatching(problem.problem) })]);
  });
  it('keeps formula-looking text as text', () => {
    expect(rowToPatch(['=1+1'], [{ index: 0, header: 'Notes', field: 'notes' }], []).patch).toEqual({ notes: '=1+1' });
  });
});
