import { Button, Card, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { QueryState } from '../../../components/QueryState';
import { useJob } from '../../jobs/api';
import { formatCount, isActive, jobTitle } from '../../jobs/format';
import { JobActions } from '../../jobs/JobActions';
import { JobProgressBar } from '../../jobs/JobProgressBar';
import { JobStatusBadge } from '../../jobs/JobStatusBadge';
import { useJobStreams } from '../../jobs/useJobStreams';
import { downloadFile } from '../../verify/transfer';
import { STATUS_LABEL } from '../explain';
import { BulkFindResults } from './BulkFindResults';

/** One bulk find: live progress, counts by status, results and the CSV export. */
export function BulkFindRun({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const job = useJob(jobId);
  const live = Boolean(job.data && isActive(job.data.status));
  useJobStreams(live ? [jobId] : []);
  const stats = job.data?.stats ?? {};

  return (
    <Card withBorder radius="md" p="lg" data-testid="bulk-find-run" data-status={job.data?.status}>
      <QueryState isPending={job.isPending} error={job.error} onRetry={() => void job.refetch()}>
        {job.data ? (
          <Stack gap="md">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="sm">
                <Title order={4}>{jobTitle(job.data)}</Title>
                <JobStatusBadge status={job.data.status} />
              </Group>
              <CloseButton aria-label="Close this bulk find" onClick={onClose} />
            </Group>
            <JobProgressBar job={job.data} size="lg" />
            <JobActions job={job.data} />
            <Group gap="xl" data-testid="bulk-find-counts">
              {(['valid', 'risky', 'not_found'] as const).map((s) => (
                <Stack key={s} gap={0}>
                  <Text size="xs" c="dimmed">
                    {STATUS_LABEL[s]}
                  </Text>
                  <Text fw={600} data-testid={`bulk-find-count-${s}`}>
                    {formatCount(stats[s] ?? 0)}
                  </Text>
                </Stack>
              ))}
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Mail server probes
                </Text>
                <Text fw={600}>{formatCount(stats.smtp_probes ?? 0)}</Text>
              </Stack>
            </Group>
            <Group justify="flex-end">
              <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => void downloadFile(`/find/bulk/${encodeURIComponent(jobId)}/export`, {}, `find-${jobId}.csv`)} data-testid="bulk-find-export">
                Export CSV
              </Button>
            </Group>
            <BulkFindResults jobId={jobId} live={live} />
          </Stack>
        ) : null}
      </QueryState>
    </Card>
  );
}
