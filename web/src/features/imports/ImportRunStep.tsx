import { Button, Group } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { isImportRunning, useImport } from './api';
import { ImportResult } from './ImportResult';

/** The wizard's last step: the started import, live, then its summary. */
export function ImportRunStep({ importId }: { importId: string }) {
  const record = useImport(importId);
  const done = record.data && !isImportRunning(record.data.status);
  return (
    <QueryState isPending={record.isPending} error={record.error} onRetry={() => void record.refetch()}>
      {record.data ? (
        <ImportResult
          record={record.data}
          actions={
            done ? (
              <Group gap="xs">
                <Button component={Link} to={`/app/imports/${importId}`} variant="default" data-testid="open-import">
                  Details and undo
                </Button>
                <Button component={Link} to="/app/imports" variant="light" data-testid="import-history-link">
                  Import history
                </Button>
              </Group>
            ) : null
          }
        />
      ) : null}
    </QueryState>
  );
}
