import { Group, Loader, Stack, Text } from '@mantine/core';
import { useJob } from '../jobs/api';
import { JobActions } from '../jobs/JobActions';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { useJobStreams } from '../jobs/useJobStreams';
import type { ImportRecord } from './types';

/**
 * The running import's job, live: the jobs feature's stream, bar (rows are processed in blocks
 * of 1,000, the job's items), ETA and pause / cancel; the import's row counts grow beside it.
 */
export function ImportProgress({ record, jobId }: { record: ImportRecord; jobId: string }) {
  useJobStreams([jobId]);
  const job = useJob(jobId);
  const c = record.counts;
  const rowsDone = c.created + c.updated + c.skipped + c.invalid + c.duplicates;
  return (
    <Stack gap="sm" data-testid="import-progress">
      {job.data ? <JobProgressBar job={job.data} size="lg" /> : <Loader size="sm" />}
      <Group justify="space-between">
        <Text size="sm" data-testid="import-rows-done">
          {rowsDone.toLocaleString()} of {c.total.toLocaleString()} rows done
        </Text>
        {job.data ? <JobActions job={job.data} /> : null}
      </Group>
    </Stack>
  );
}
