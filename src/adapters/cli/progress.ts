import cliProgress from 'cli-progress';
import type { Ctx } from '../../core/context.js';
import { getJobProgress, isFinished, type JobProgressView } from '../../domains/jobs/index.js';

const num = (n: number) => n.toLocaleString('en-US');

export function formatEta(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line for logs and non-terminal stderr: "verify: 4,500/10,000 (45%) 850/s ETA 6s, 3 failed". */
export function formatProgressLine(label: string, p: JobProgressView): string {
  const parts = [`${label}: ${num(p.processed)}/${num(p.total)} (${p.percent}%)`];
  if (p.itemsPerSecond !== null) parts.push(`${num(p.itemsPerSecond)}/s`);
  if (!isFinished(p.status)) parts.push(p.status === 'running' ? `ETA ${formatEta(p.etaSeconds)}` : p.status);
  else parts.push(p.status);
  if (p.failed > 0) parts.push(`${num(p.failed)} failed`);
  return parts.join(' ');
}

export interface FollowOptions {
  /** Where the bar goes: stderr, so that stdout stays machine-readable. */
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
  label?: string;
  signal?: AbortSignal;
}

/**
 * Shows a job's progress until it stops (or `signal` aborts) and returns its last progress.
 * A bar on a terminal; on a pipe, a line every few seconds and on each change of status.
 */
export async function followJobProgress(ctx: Ctx, jobId: string, options: FollowOptions = {}): Promise<JobProgressView> {
  const stream = options.stream ?? process.stderr;
  const intervalMs = options.intervalMs ?? 500;
  let p = await getJobProgress(ctx, { jobId });
  const label = options.label ?? p.kind;
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        {
          stream,
          format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {etaText} {status}`,
          hideCursor: true,
          clearOnComplete: false,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const payload = (q: JobProgressView) => ({ rate: q.itemsPerSecond ?? '–', etaText: formatEta(q.etaSeconds), status: q.status === 'running' ? '' : q.status });
  bar?.start(p.total, p.processed, payload(p));
  let lastLine = 0;
  let lastStatus = p.status;
  const line = (q: JobProgressView) => {
    stream.write(`${formatProgressLine(label, q)}\n`);
    lastLine = Date.now();
    lastStatus = q.status;
  };
  if (!bar) line(p);
  while (!isFinished(p.status) && !options.signal?.aborted) {
    await new Promise((r) => setTimeout(r, intervalMs));
    p = await getJobProgress(ctx, { jobId });
    if (bar) {
      bar.setTotal(p.total);
      bar.update(p.processed, payload(p));
    } else if (!isFinished(p.status) && (p.status !== lastStatus || Date.now() - lastLine >= 5_000)) {
      line(p);
    }
  }
  if (bar) {
    bar.update(p.processed, payload(p));
    bar.stop();
  } else if (isFinished(p.status)) {
    line(p);
  }
  return p;
}
