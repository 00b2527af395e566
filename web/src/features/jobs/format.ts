import type { Job, JobItemStatus, JobStatus } from '../../api/types';

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  partial: 'Partly failed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const JOB_STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  paused: 'yellow',
  completed: 'teal',
  partial: 'orange',
  failed: 'red',
  cancelled: 'dark',
};

export const ITEM_STATUS_LABELS: Record<JobItemStatus, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

export const ITEM_STATUS_COLORS: Record<JobItemStatus, string> = {
  pending: 'gray',
  succeeded: 'teal',
  failed: 'red',
  skipped: 'yellow',
  cancelled: 'dark',
};

/** Jobs that can still make progress (and so are worth a live stream). */
export const isActive = (status: JobStatus) => status === 'queued' || status === 'running' || status === 'paused';
export const isMoving = (status: JobStatus) => status === 'queued' || status === 'running';

/** `verify.emails` → "Verify emails". */
export function kindLabel(kind: string) {
  const words = kind.replace(/[._-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : kind;
}

export const jobTitle = (job: Pick<Job, 'label' | 'kind'>) => job.label || kindLabel(job.kind);

const count = new Intl.NumberFormat();
export const formatCount = (n: number) => count.format(n);

/** "12.5 items/s"; "—" before there is a rate. */
export function formatRate(itemsPerSecond: number | null) {
  if (itemsPerSecond === null) return '—';
  return `${itemsPerSecond >= 100 ? count.format(Math.round(itemsPerSecond)) : itemsPerSecond} items/s`;
}

/** "45 s", "3 min 05 s", "2 h 10 min", "3 d 4 h". */
export function formatDuration(totalSeconds: number) {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Time left, when the server could estimate it. */
export function formatEta(job: Pick<Job, 'status' | 'etaSeconds'>) {
  if (!isActive(job.status)) return '—';
  if (job.status === 'paused') return 'Paused';
  return job.etaSeconds === null ? 'Estimating…' : formatDuration(job.etaSeconds);
}
