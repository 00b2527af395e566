import { Alert, Card, CloseButton, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { formatCredits } from '../../credits/format';
import { useQueryClient } from '@tanstack/react-query';
import { useJob, useJobsKey } from '../../jobs/api';
import { isActive, jobTitle } from '../../jobs/format';
import { JobActions } from '../../jobs/JobActions';
import { JobProgressBar } from '../../jobs/JobProgressBar';
import { JobStatusBadge } from '../../jobs/JobStatusBadge';
import { useJobStreams } from '../../jobs/useJobStreams';
import { useBulkSummary, useRefreshBulk } from '../api';
import { BulkBreakdown } from './BulkBreakdown';
import { NO_FILTERS, type ResultFilters } from './BulkResultsFilters';
import { BulkResultsSection } from './BulkResultsSection';
import { countsFromStats } from './counts';

/** One bulk verification: live progress, the breakdown by status and reason, the results. */
export function BulkRunCard({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const job = useJob(jobId);
  const live = Boolean(job.data && isActive(job.data.status));
  useJobStreams(live ? [jobId] : []);
  const summary = useBulkSummary(jobId, live);
  const [filters, setFilters] = useState<ResultFilters>(NO_FILTERS);
  useEffect(() => setFilters(NO_FILTERS), [jobId]);

  // When the job is first seen finished (the stream says it stopped, or it finished before the
  // job itself was loaded, after a summary read while it was queued): fetch the final counts and
  // results once more.
  const refresh = useRefreshBulk();
  const seenStatus = useRef<string | undefined>(undefined);
  const finishedStatus = job.data && !isActive(job.data.status) ? `${jobId}:${job.data.status}` : undefined;
  useEffect(() => {
    if (finishedStatus && seenStatus.current !== finishedStatus) void refresh(jobId);
    seenStatus.current = finishedStatus;
  }, [finishedStatus, jobId, refresh]);

  // A job can finish before its stream opens: then the history still shows the figures it had
  // when it was listed, so it is asked again once the job is seen finished.
  const queryClient = useQueryClient();
  const [, wsId] = useJobsKey();
  const status = job.data?.status;
  useEffect(() => {
    if (status && !isActive(status)) void queryClient.invalidateQueries({ queryKey: ['workspace', wsId, 'jobs', 'list'] });
  }, [status, wsId, queryClient]);

  const counts = summary.data?.counts ?? (job.data ? countsFromStats(job.data.stats) : null);

  return (
    <Card withBorder radius="md" p="lg" data-testid="bulk-run" data-job-id={jobId} data-status={job.data?.status}>
      <QueryState isPending={job.isPending} error={job.error} onRetry={() => void job.refetch()}>
        {job.data ? (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="sm">
                  <Title order={4} data-testid="bulk-run-title">
                    {jobTitle(job.data)}
                  </Title>
                  <JobStatusBadge status={job.data.status} />
                </Group>
                {summary.data ? (
                  <Text size="xs" c="dimmed" data-testid="bulk-run-facts">
                    {summary.data.options.skipSmtp ? 'Mail servers not asked' : 'Full check, mail servers included'} ·{' '}
                    {summary.data.options.writeToLeads ? 'statuses written to leads' : 'leads not updated'} · {formatCredits(summary.data.charged.milli)} credits charged
                  </Text>
                ) : null}
              </Stack>
              <CloseButton aria-label="Close this verification" onClick={onClose} />
            </Group>
            <JobProgressBar job={job.data} size="lg" />
            <JobActions job={job.data} />
            {job.data.error ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Error">
                {job.data.error}
              </Alert>
            ) : null}
            {counts ? <BulkBreakdown counts={counts} onPick={(f) => setFilters({ ...NO_FILTERS, status: f.status ?? null, reason: f.reason ?? null })} /> : null}
            <Divider />
            <BulkResultsSection jobId={jobId} live={live} filters={filters} onFiltersChange={setFilters} />
          </Stack>
        ) : null}
      </QueryState>
    </Card>
  );
}
