import { accessToken, API_BASE, refreshSession } from '../../api/client';
import type { JobProgress } from '../../api/types';

/**
 * Reads GET /jobs/:id/events. EventSource cannot send the Authorization header the API needs
 * (the access token lives in memory, not in a cookie), so the stream is read with fetch() and
 * parsed here. The server sends `progress` events while the job moves and one `end` event when
 * it stops; a stream that drops without `end` is opened again after `retry` ms.
 */

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits SSE text into complete events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

export interface StreamHandlers {
  onProgress: (p: JobProgress) => void;
  /** The job stopped (completed, failed, cancelled, partly failed): no more events. */
  onEnd: (p: JobProgress) => void;
}

type Outcome = 'ended' | 'dropped' | 'gone';

const RETRY_MS = 3_000;
const MAX_FAILURES = 5;

/** Follows a job until it ends, the job is gone, or `signal` aborts. Never throws. */
export async function followJobProgress(jobId: string, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted && failures < MAX_FAILURES) {
    const outcome = await readOnce(jobId, handlers, signal).catch((): Outcome => 'dropped');
    if (outcome !== 'dropped' || signal.aborted) return;
    failures++;
    await sleep(RETRY_MS * failures, signal);
  }
}

async function readOnce(jobId: string, handlers: StreamHandlers, signal: AbortSignal, renewed = false): Promise<Outcome> {
  const token = accessToken();
  const res = await fetch(`${API_BASE}/jobs/${encodeURIComponent(jobId)}/events`, {
    headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  if (res.status === 401 && !renewed) {
    await res.body?.cancel();
    return (await refreshSession()) ? readOnce(jobId, handlers, signal, true) : 'gone';
  }
  if (res.status === 404 || res.status === 403 || res.status === 401) return 'gone';
  if (!res.ok || !res.body) return 'dropped';

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'dropped';
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const e of parsed.events) {
      const progress = JSON.parse(e.data) as JobProgress;
      if (e.event === 'end') {
        await reader.cancel().catch(() => undefined);
        handlers.onEnd(progress);
        return 'ended';
      }
      if (e.event === 'progress') handlers.onProgress(progress);
    }
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
