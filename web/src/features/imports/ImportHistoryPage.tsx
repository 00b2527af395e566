import { Button, Card, Center, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCan } from '../auth/session';
import { useImportHistory } from './api';
import { ImportHistoryTable } from './ImportHistoryTable';

/** /app/imports: every import of the workspace, newest first, and the way to start one. */
export function ImportHistoryPage() {
  const history = useImportHistory();
  const canImport = useCan('member');
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const newImport = canImport ? (
    <Button component={Link} to="new" leftSection={<IconPlus size={16} />} data-testid="new-import">
      New import
    </Button>
  ) : null;
  return (
    <Stack gap="lg" data-testid="imports-page">
      <PageHeader title="Imports" description="CSV and Excel files brought in as leads: who, when, what came of each row, and undo." actions={newImport} />
      <Card withBorder radius="md" p="lg">
        <QueryState isPending={history.isPending} error={history.error} onRetry={() => void history.refetch()}>
          {items.length === 0 ? (
            <Center py="xl" data-testid="imports-empty">
              <Stack align="center" gap="xs">
                <ThemeIcon size={48} radius="xl" variant="light">
                  <IconFileImport size={26} />
                </ThemeIcon>
                <Text fw={500}>No imports yet</Text>
                <Text size="sm" c="dimmed">
                  Upload a CSV or Excel file: columns are mapped for you, duplicates handled, and any import can be undone.
                </Text>
                {newImport}
              </Stack>
            </Center>
          ) : (
            <ImportHistoryTable imports={items} />
          )}
          {history.hasNextPage ? (
            <Group justify="center" mt="md">
              <Button variant="light" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          ) : null}
        </QueryState>
      </Card>
    </Stack>
  );
}
