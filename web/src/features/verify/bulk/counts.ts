import { VERIFY_REASONS, VERIFY_STATUSES, type BulkCounts, type VerifyReason } from '../types';

/** Counts from a job's `stats` (`valid: 3`, `reason:accepted: 3`): the fallback before the summary answers. */
export function countsFromStats(stats: Record<string, number>): BulkCounts {
  const byStatus = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, stats[s] ?? 0])) as BulkCounts['byStatus'];
  const byReason: BulkCounts['byReason'] = {};
  for (const r of VERIFY_REASONS) if (stats[`reason:${r}`]) byReason[r] = stats[`reason:${r}`];
  return { byStatus, byReason };
}

/** Reasons seen, most frequent first (ties in the server's priority order). */
export function reasonsByCount(counts: BulkCounts): Array<[VerifyReason, number]> {
  return VERIFY_REASONS.filter((r) => (counts.byReason[r] ?? 0) > 0)
    .map((r): [VerifyReason, number] => [r, counts.byReason[r] ?? 0])
    .sort((a, b) => b[1] - a[1]);
}

export const totalOf = (counts: BulkCounts) => VERIFY_STATUSES.reduce((n, s) => n + (counts.byStatus[s] ?? 0), 0);
