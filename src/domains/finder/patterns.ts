import type { NameKeys } from './name-keys.js';

/**
 * Address patterns of work email, with the share of companies that use each (the prior): rounded
 * from published studies of B2B address formats. {first}.{last} dominates, then {f}{last} and
 * {first}. The order of this table is the order candidates are tried when nothing is known.
 */
export const PATTERNS = [
  { id: '{first}.{last}', prior: 0.32 },
  { id: '{f}{last}', prior: 0.2 },
  { id: '{first}', prior: 0.12 },
  { id: '{first}{last}', prior: 0.08 },
  { id: '{first}_{last}', prior: 0.04 },
  { id: '{f}.{last}', prior: 0.04 },
  { id: '{first}{l}', prior: 0.03 },
  { id: '{last}.{first}', prior: 0.03 },
  { id: '{last}{f}', prior: 0.02 },
  { id: '{last}', prior: 0.02 },
  { id: '{first}-{last}', prior: 0.02 },
  { id: '{first}.{l}', prior: 0.01 },
  { id: '{last}{first}', prior: 0.01 },
  { id: '{f}_{last}', prior: 0.01 },
  { id: '{last}_{first}', prior: 0.01 },
] as const;

export type PatternId = (typeof PATTERNS)[number]['id'];
export const PATTERN_IDS = PATTERNS.map((p) => p.id) as PatternId[];
export const priorOf = (id: PatternId) => PATTERNS.find((p) => p.id === id)!.prior;

/** The local part a pattern gives for a name. */
export function renderPattern(id: PatternId, n: NameKeys): string {
  return id
    .replace('{first}', n.first)
    .replace('{last}', n.last)
    .replace('{f}', n.first[0]!)
    .replace('{l}', n.last[0]!);
}

/** The patterns that produce this local part for this name (several when the name is short). */
export function patternsOf(local: string, n: NameKeys): PatternId[] {
  const want = local.toLowerCase();
  return PATTERN_IDS.filter((id) => renderPattern(id, n) === want);
}

export interface Candidate {
  local: string;
  pattern: PatternId;
}

/**
 * Candidates for a person in the order to try them: the domain's learned patterns first (most
 * evidence first), then the rest by prior. Patterns that give the same address are tried once.
 */
export function rankCandidates(n: NameKeys, learned: PatternId[] = []): Candidate[] {
  const order = [...learned, ...PATTERN_IDS.filter((id) => !learned.includes(id))];
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const pattern of order) {
    const local = renderPattern(pattern, n);
    if (seen.has(local)) continue;
    seen.add(local);
    out.push({ local, pattern });
  }
  return out;
}
