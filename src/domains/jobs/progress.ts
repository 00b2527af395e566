import type { JobStatus } from './jobs.tables.js';

export interface JobCounts {
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface JobProgress extends JobCounts {
  status: JobStatus;
  /** 0–100, one decimal. */
  percent: number;
  /** Items per second over the current run (since start, resume or retry); null before any. */
  itemsPerSecond: number | null;
  /** Seconds left at the current rate; null when unknown (paused, not started, no rate yet). */
  etaSeconds: number | null;
}

export const isFinished = (status: JobStatus) => status === 'completed' || status === 'failed' || status === 'cancelled' || status === 'partial';

/** Rate and ETA of a job from its counts and the start of its current run. */
export function computeProgress(input: JobCounts & { status: JobStatus; runStartedAt: Date | null; runBaseProcessed: number; now: Date }): JobProgress {
  const { total, processed, status } = input;
  const percent = total === 0 ? (isFinished(status) ? 100 : 0) : Math.floor((processed / total) * 1000) / 10;
  let itemsPerSecond: number | null = null;
  let etaSeconds: number | null = null;
  if (input.runStartedAt && status !== 'queued') {
    const elapsedS = (input.now.getTime() - input.runStartedAt.getTime()) / 1000;
    const done = processed - input.runBaseProcessed;
    if (elapsedS > 0 && done > 0) itemsPerSecond = Math.round((done / elapsedS) * 10) / 10;
  }
  if (isFinished(status)) etaSeconds = 0;
  else if (status === 'running' && itemsPerSecond) etaSeconds = Math.ceil((total - processed) / itemsPerSecond);
  return {
    status,
    total,
    processed,
    succeeded: input.succeeded,
    failed: input.failed,
    skipped: input.skipped,
    percent,
    itemsPerSecond: status === 'paused' ? null : itemsPerSecond,
    etaSeconds,
  };
}

/** The status a job ends with once every chunk is done. */
export function finalStatus(counts: Omit<JobCounts, 'total'>): 'completed' | 'partial' | 'failed' {
  if (counts.failed === 0) return 'completed';
  return counts.succeeded + counts.skipped > 0 ? 'partial' : 'failed';
}
