import { Alert, Divider, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useJob } from './api';
import { isActive, jobTitle } from './format';
import { JobActions } from './JobActions';
import { JobItemsSection } from './JobItemsSection';
import { JobProgressBar } from './JobProgressBar';
import { JobStatusBadge } from './JobStatusBadge';
import { JobSummary } from './JobSummary';
import { useJobStreams } from './useJobStreams';

/** /app/jobs/:jobId: one job over the list, live while it runs. */
export function JobDetailDrawer() {
  const { jobId = '' } = useParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(true);
  const job = useJob(jobId);
  useJobStreams(job.data && isActive(job.data.status) ? [jobId] : []);

  return (
    <Drawer
      opened={opened}
      onClose={() => setOpened(false)}
      onExitTransitionEnd={() => void navigate({ pathname: '..', search }, { relative: 'path' })}
      position="right"
      size="xl"
      title={<Text fw={600}>Job</Text>}
      closeButtonProps={{ 'aria-label': 'Close job' }}
      data-testid="job-detail"
    >
      <QueryState isPending={job.isPending} error={job.error} onRetry={() => void job.refetch()}>
        {job.data ? (
          <Stack gap="lg">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title order={3} data-testid="job-title" style={{ wordBreak: 'break-word' }}>
                  {jobTitle(job.data)}
                </Title>
                <JobStatusBadge status={job.data.status} />
              </Group>
              <JobProgressBar job={job.data} size="lg" />
              <JobActions job={job.data} />
            </Stack>
            {job.data.error ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Error" data-testid="job-error">
                {job.data.error}
              </Alert>
            ) : null}
            <JobSummary job={job.data} />
            <Divider />
            <JobItemsSection job={job.data} />
          </Stack>
        ) : null}
      </QueryState>
    </Drawer>
  );
}
