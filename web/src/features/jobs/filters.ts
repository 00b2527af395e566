import { JOB_STATUSES, type JobStatus } from '../../api/types';

/** The jobs list's filters, kept in the URL so they survive opening a job and reloading. */
export interface JobFilters {
  status: JobStatus[];
  kind: string | null;
  /** YYYY-MM-DD, UTC, inclusive. */
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): JobFilters {
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is JobStatus => (JOB_STATUSES as readonly string[]).includes(s));
  const day = (k: string) => {
    const v = params.get(k);
    return v && DAY.test(v) ? v : null;
  };
  return { status, kind: params.get('kind') || null, from: day('from'), to: day('to') };
}

export function writeFilters(f: JobFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.kind) p.set('kind', f.kind);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  return p;
}

export const hasFilters = (f: JobFilters) => f.status.length > 0 || Boolean(f.kind || f.from || f.to);
