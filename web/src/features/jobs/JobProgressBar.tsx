import { Box, Group, Progress, Text } from '@mantine/core';
import type { Job } from '../../api/types';
import { formatCount, formatEta, formatRate, jobTitle } from './format';

type Figures = Pick<Job, 'status' | 'total' | 'processed' | 'succeeded' | 'failed' | 'skipped' | 'percent' | 'itemsPerSecond' | 'etaSeconds' | 'label' | 'kind'>;

const share = (n: number, total: number) => (total > 0 ? (n / total) * 100 : 0);

/** processed / total as a bar split into succeeded, skipped and failed, with the rate and ETA. */
export function JobProgressBar({ job, size = 'md', withFigures = true }: { job: Figures; size?: 'sm' | 'md' | 'lg'; withFigures?: boolean }) {
  const moving = job.status === 'running';
  return (
    <Box
      role="progressbar"
      aria-label={`Progress of ${jobTitle(job)}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={job.percent}
      aria-valuetext={`${formatCount(job.processed)} of ${formatCount(job.total)} items`}
      data-testid="job-progress"
      data-processed={job.processed}
      data-total={job.total}
    >
      <Progress.Root size={size} radius="xl">
        <Progress.Section value={share(job.succeeded, job.total)} color="teal" striped={moving} animated={moving} withAria={false} />
        <Progress.Section value={share(job.skipped, job.total)} color="yellow" withAria={false} />
        <Progress.Section value={share(job.failed, job.total)} color="red" withAria={false} />
      </Progress.Root>
      {withFigures ? (
        <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="job-progress-count">
            {formatCount(job.processed)} / {formatCount(job.total)} · {job.percent}%
          </Text>
          <Text size="xs" c="dimmed" data-testid="job-progress-rate">
            {moving ? `${formatRate(job.itemsPerSecond)} · ETA ${formatEta(job)}` : formatEta(job) === '—' ? '' : formatEta(job)}
          </Text>
        </Group>
      ) : null}
    </Box>
  );
}
