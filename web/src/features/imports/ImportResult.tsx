import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { isImportRunning } from './api';
import { ErrorReportButton } from './ErrorReportButton';
import { ImportCounts } from './ImportCounts';
import { ImportProgress } from './ImportProgress';
import { ImportStatusBadge } from './ImportStatusBadge';
import { ImportVerifySummary } from './ImportVerifySummary';
import type { ImportRecord } from './types';

const ENDINGS: Partial<Record<ImportRecord['status'], { color: string; text: string }>> = {
  completed: { color: 'teal', text: 'The import is done.' },
  partial: { color: 'orange', text: 'The import finished, but some blocks of rows failed: the jobs page can retry them.' },
  failed: { color: 'red', text: 'The import failed. The rows written before the failure stay; undo removes them.' },
  cancelled: { color: 'gray', text: 'The import was cancelled. The rows written before stay; undo removes them.' },
  undone: { color: 'gray', text: 'This import was undone.' },
};

/** Live progress while the import runs, then its counts and error report: the wizard's last step and the detail page. */
export function ImportResult({ record, actions }: { record: ImportRecord; actions?: ReactNode }) {
  const running = isImportRunning(record.status);
  const ending = ENDINGS[record.status];
  return (
    <Stack gap="md" data-testid="import-result" data-status={record.status}>
      <Group justify="space-between">
        <Group gap="xs">
          <Text fw={600}>{record.fileName}</Text>
          <ImportStatusBadge status={record.status} />
        </Group>
        {actions}
      </Group>
      {running && record.jobId ? <ImportProgress record={record} jobId={record.jobId} /> : null}
      {!running && ending ? (
        <Alert color={ending.color} variant="light" icon={record.status === 'completed' ? <IconCircleCheck size={18} /> : undefined} data-testid="import-ending">
          {ending.text}
        </Alert>
      ) : null}
      <ImportCounts counts={record.counts} />
      <ImportVerifySummary record={record} />
      {!running ? (
        <Group>
          <ErrorReportButton importId={record.id} problems={record.counts.invalid} />
          {record.listId && record.status !== 'undone' ? (
            <Button component={Link} to={`/app/leads?list=${record.listId}`} variant="default" leftSection={<IconUsers size={16} />} data-testid="imported-leads">
              See the leads of the list
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
