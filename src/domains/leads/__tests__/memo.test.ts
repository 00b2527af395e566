import { describe, expect, it } from 'vitest';
import { memoize } from '../../../core/memo.js';
import { normalizePhone } from '../normalize-phone.js';

describe('memoize', () => {
  it('computes each distinct input once, null results included', () => {
    const calls: string[] = [];
    const f = memoize((s: string) => {
      calls.push(s);
      return s === 'none' ? null : s.toUpperCase();
    });
    expect([f('a'), f('b'), f('a'), f('none'), f('none')]).toEqual(['A', 'B', 'A', null, null]);
    expect(calls).toEqual(['a', 'b', 'none']);
  });

  it('stays bounded: past its capacity it forgets and computes again', () => {
    const calls: string[] = [];
    const f = memoize((s: string) => (calls.push(s), s.length), 2);
    f('a');
    f('bb');
    f('ccc'); // full: the memory is dropped, then holds ccc
    f('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});

describe('normalizePhone remembered per region', () => {
  it('reads the same national number differently in two regions', () => {
    expect(normalizePhone('01 42 68 53 00', 'FR')).toMatchObject({ ok: true, e164: '+33142685300', country: 'FR' });
    expect(normalizePhone('01 42 68 53 00', 'DE')).not.toMatchObject({ e164: '+33142685300' });
    expect(normalizePhone('01 42 68 53 00', null)).toMatchObject({ ok: false });
    expect(normalizePhone('01 42 68 53 00', 'FR')).toMatchObject({ ok: true, e164: '+33142685300' });
  });
});
