import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../../api/errors';
import { downloadFile } from '../transfer';
import type { ResultFilters } from './BulkResultsFilters';

type Format = 'csv' | 'xlsx';

/** Downloads the results (with the table's status and reason filters) as CSV or Excel. */
export function BulkExportButtons({ jobId, filters }: { jobId: string; filters: ResultFilters }) {
  const [busy, setBusy] = useState<Format | null>(null);
  const run = async (format: Format) => {
    setBusy(format);
    try {
      await downloadFile(`/verify/bulk/${encodeURIComponent(jobId)}/export`, { format, status: filters.status, reason: filters.reason }, `verify-${jobId}.${format}`);
    } catch (e) {
      notifications.show({ color: 'red', title: 'The export did not work', message: describeError(e) });
    } finally {
      setBusy(null);
    }
  };
  const filtered = Boolean(filters.status || filters.reason);
  return (
    <Group gap="xs" data-testid="bulk-export">
      {(['csv', 'xlsx'] as const).map((f) => (
        <Button
          key={f}
          size="xs"
          variant="light"
          leftSection={<IconDownload size={14} />}
          loading={busy === f}
          onClick={() => void run(f)}
          data-testid={`bulk-export-${f}`}
        >
          {f === 'csv' ? 'CSV' : 'Excel'}
          {filtered ? ' (filtered)' : ''}
        </Button>
      ))}
    </Group>
  );
}
