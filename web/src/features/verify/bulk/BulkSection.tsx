import { Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { BulkHistoryCard } from './BulkHistoryCard';
import { BulkRunCard } from './BulkRunCard';
import { BulkStartCard } from './BulkStartCard';

/** Start a bulk verification, follow the open one (`?job=` in the URL), and the history. */
export function BulkSection() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const select = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('job', id);
        else next.delete('job');
        return next;
      },
      { replace: false },
    );

  return (
    <Stack gap="lg" data-testid="bulk-section">
      <BulkStartCard onStarted={(job) => select(job.id)} />
      {jobId ? <BulkRunCard key={jobId} jobId={jobId} onClose={() => select(null)} /> : null}
      <BulkHistoryCard selectedId={jobId} onSelect={select} />
    </Stack>
  );
}
