import { priorOf, type PatternId } from './patterns.js';

/**
 * Confidence, 0–100 (docs/FINDER.md):
 * - valid (accepted at a domain that is not catch-all): 90, +3 per earlier address of the
 *   domain that showed the same pattern, at most 99;
 * - a best guess (catch-all, unverifiable, SMTP skipped): from a learned pattern 40 + 10 per
 *   address that showed it (at most 80); from the prior alone 150 × prior (first.last: 48); −10
 *   when the server could not be asked (unverifiable); kept within 1–85;
 * - not found: 0.
 */
export function validConfidence(patternHits: number): number {
  return Math.min(99, 90 + 3 * patternHits);
}

export function guessConfidence(pattern: PatternId, patternHits: number, unverifiable: boolean): number {
  const base = patternHits > 0 ? Math.min(80, 40 + 10 * patternHits) : Math.round(150 * priorOf(pattern));
  return Math.max(1, Math.min(85, base - (unverifiable ? 10 : 0)));
}
