const VOWELS = new Set('aeiouy');
const KEYBOARD_RUNS = ['qwert', 'asdf', 'zxcv', 'hjkl', 'yxcv', 'azer', 'qsdf'];

/**
 * Whether a local part looks machine-made or mashed (xk7q2m9z, kdjfhgsd, 3f9a…uuid), not a
 * name. Deliberately conservative: consonant-heavy real names (krzysztof, mkhize, nguyen,
 * schwarzkopf) stay clear; only strong signals count.
 */
export function isGibberishLocal(local: string): boolean {
  const base = local.split('+')[0]!;
  const compact = base.replace(/[._-]/g, '');
  if (KEYBOARD_RUNS.some((k) => compact.includes(k))) return true;
  if (/^[0-9a-f]{16,}$/.test(compact) && /[a-f]/.test(compact) && /[0-9]/.test(compact)) return true;
  if (compact.length >= 6 && letterDigitSwitches(compact) >= 4) return true;
  for (const token of base.split(/[^a-z]+/)) {
    if (token.length < 6) continue;
    const vowels = [...token].filter((c) => VOWELS.has(c)).length;
    if (vowels / token.length < 0.15) return true;
    if (longestConsonantRun(token) >= 8) return true;
  }
  return false;
}

function letterDigitSwitches(s: string): number {
  let switches = 0;
  for (let i = 1; i < s.length; i++) if (/\d/.test(s[i]!) !== /\d/.test(s[i - 1]!)) switches++;
  return switches;
}

function longestConsonantRun(token: string): number {
  let run = 0;
  let best = 0;
  for (const c of token) {
    run = VOWELS.has(c) ? 0 : run + 1;
    best = Math.max(best, run);
  }
  return best;
}
