import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../../api/errors';
import { QueryState } from '../../../components/QueryState';
import { useJob } from '../../jobs/api';
import { isActive } from '../../jobs/format';
import { JobProgressBar } from '../../jobs/JobProgressBar';
import { useJobStreams } from '../../jobs/useJobStreams';
import { downloadExport, useExport } from './api';

/** An export on its way: the job's live progress, then the download. */
export function ExportProgress({ exportId }: { exportId: string }) {
  const exp = useExport(exportId);
  const jobId = exp.data?.jobId ?? null;
  return (
    <QueryState isPending={exp.isPending} error={exp.error} onRetry={() => void exp.refetch()}>
      {exp.data ? (
        <Stack gap="sm" data-testid="export-progress" data-status={exp.data.status}>
          {jobId && exp.data.status !== 'completed' ? <JobFigures jobId={jobId} /> : null}
          {exp.data.status === 'failed' ? (
            <Alert color="red" variant="light" title="The export failed">
              {exp.data.error ?? 'Unknown error'}
            </Alert>
          ) : null}
          {exp.data.status === 'completed' ? <Ready rowCount={exp.data.rowCount} onDownload={() => downloadExport(exp.data)} fileName={exp.data.fileName} /> : null}
          {exp.data.status === 'queued' || exp.data.status === 'running' ? (
            <Text size="sm" c="dimmed">
              Writing the file… You can close this dialog: the export keeps going and shows up in Jobs.
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </QueryState>
  );
}

function JobFigures({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  useJobStreams(job.data && isActive(job.data.status) ? [jobId] : []);
  return job.data ? <JobProgressBar job={job.data} /> : null;
}

function Ready({ rowCount, fileName, onDownload }: { rowCount: number; fileName: string; onDownload: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="export-ready">
        {rowCount.toLocaleString()} lead{rowCount === 1 ? '' : 's'} in {fileName}
      </Text>
      {error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button
          leftSection={<IconDownload size={16} />}
          loading={busy}
          data-testid="export-download"
          onClick={() => {
            setBusy(true);
            setError(null);
            onDownload()
              .catch((e: unknown) => setError(describeError(e)))
              .finally(() => setBusy(false));
          }}
        >
          Download
        </Button>
      </Group>
    </Stack>
  );
}
