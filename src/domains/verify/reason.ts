import { REASON_PRIORITY, STATUS_OF, type VerifyReason, type VerifyStatus } from './types.js';

/** The reason to report among those that apply: the first in REASON_PRIORITY. */
export function pickReason(reasons: readonly VerifyReason[]): VerifyReason {
  let best: VerifyReason = 'accepted';
  let bestRank: number = REASON_PRIORITY.length;
  for (const r of reasons) {
    const rank = REASON_PRIORITY.indexOf(r);
    if (rank < bestRank) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

export const statusOf = (reason: VerifyReason): VerifyStatus => STATUS_OF[reason];
