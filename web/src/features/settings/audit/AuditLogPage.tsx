import { Autocomplete, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { useAuditLog } from '../api';
import { AuditTable } from './AuditTable';

export function AuditLogPage() {
  const [filter, setFilter] = useState('');
  const [action] = useDebouncedValue(filter.trim(), 300);
  const audit = useAuditLog(action);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  // Suggest the actions seen so far; any text is accepted.
  const seen = useRef(new Set<string>());
  const known = useMemo(() => {
    for (const e of entries) seen.current.add(e.action);
    return [...seen.current].sort();
  }, [entries]);

  return (
    <Card withBorder radius="md" p="lg">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={4}>Audit log</Title>
            <Text size="sm" c="dimmed">
              Who did what in this workspace, newest first.
            </Text>
          </Stack>
          <Autocomplete
            aria-label="Filter by action"
            placeholder="Filter by action, e.g. member.invited"
            leftSection={<IconSearch size={14} />}
            data={known}
            value={filter}
            onChange={setFilter}
            clearable
            w={300}
          />
        </Group>
        <QueryState isPending={audit.isPending} error={audit.error} onRetry={() => void audit.refetch()}>
          {entries.length === 0 ? (
            <Text size="sm" c="dimmed" py="md" data-testid="audit-empty">
              {action ? `No entries for "${action}".` : 'Nothing recorded yet.'}
            </Text>
          ) : (
            <AuditTable entries={entries} />
          )}
          {audit.hasNextPage ? (
            <Group justify="center">
              <Button variant="light" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="audit-load-more">
                Load more
              </Button>
            </Group>
          ) : null}
        </QueryState>
      </Stack>
    </Card>
  );
}
