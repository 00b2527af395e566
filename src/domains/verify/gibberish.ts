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
    let vowels = 0;
    let run = 0;
    let longestRun = 0;
    for (let i = 0; i < token.length; i++) {
      if (VOWELS.has(token[i]!)) {
        vowels++;
        run = 0;
      } else if (++run > longestRun) longestRun = run;
    }
    if (vowels / token.length < 0.15 || longestRun >= 8) return true;
  }
  return false;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

function letterDigitSwitches(s: string): number {
  let switches = 0;
  for (let i = 1; i < s.length; i++) if (isDigit(s.charCodeAt(i)) !== isDigit(s.charCodeAt(i - 1))) switches++;
  return switches;
}
