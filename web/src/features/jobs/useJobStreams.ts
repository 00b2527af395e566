import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { JobProgress } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';
import { progressPatch, writeJob } from './api';
import { followJobProgress } from './progress-stream';

/**
 * One live stream per job, shared by every component that asks for it (the list and the open
 * job), and closed when the last one lets go. Browsers allow about six connections per server
 * over HTTP/1.1, so callers keep the number of streamed jobs small.
 */
interface Stream {
  users: number;
  controller: AbortController;
}
const streams = new Map<string, Stream>();

function acquire(key: string, start: (signal: AbortSignal) => Promise<void>) {
  let s = streams.get(key);
  if (!s) {
    const created: Stream = { users: 0, controller: new AbortController() };
    s = created;
    streams.set(key, created);
    void start(created.controller.signal).finally(() => {
      if (streams.get(key) === created) streams.delete(key);
    });
  }
  s.users++;
  const held = s;
  return () => {
    held.users--;
    if (held.users === 0) {
      held.controller.abort();
      if (streams.get(key) === held) streams.delete(key);
    }
  };
}

/** Keeps the cached list and detail entries of `jobIds` up to date from their event streams. */
export function useJobStreams(jobIds: readonly string[]) {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  const wsId = ws[1];
  const ids = [...new Set(jobIds)].sort().join(',');

  useEffect(() => {
    if (!ids) return;
    const key = ['workspace', wsId, 'jobs'] as const;
    const onProgress = (p: JobProgress) => writeJob(queryClient, key, progressPatch(p));
    const onEnd = (p: JobProgress) => {
      onProgress(p);
      // Final counts, stats, items and the credits the job released.
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['workspace', wsId, 'credits'] });
    };
    const releases = ids.split(',').map((id) => acquire(`${wsId}:${id}`, (signal) => followJobProgress(id, { onProgress, onEnd }, signal)));
    return () => releases.forEach((release) => release());
  }, [ids, wsId, queryClient]);
}
