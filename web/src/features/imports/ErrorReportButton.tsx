import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { downloadErrorReport } from './api';

/** Downloads `errors.csv` (row, column, value, problem) of an import. */
export function ErrorReportButton({ importId, problems }: { importId: string; problems: number }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadErrorReport(importId);
    } catch (e) {
      notifications.show({ color: 'red', title: 'The error report could not be downloaded', message: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant={problems > 0 ? 'light' : 'default'}
      color={problems > 0 ? 'red' : 'gray'}
      leftSection={<IconDownload size={16} />}
      onClick={() => void download()}
      loading={busy}
      data-testid="error-report"
    >
      {problems > 0 ? `Download the error report (${problems.toLocaleString()})` : 'Download the error report (empty)'}
    </Button>
  );
}
