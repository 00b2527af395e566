import { Button, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCan } from '../auth/session';
import { useFolders, useLists } from './api';
import { FolderNav } from './FolderNav';
import { ListFormModal } from './ListFormModal';
import { ListsTable } from './ListsTable';
import type { ListsFilter } from './types';

const ARCHIVED = ['false', 'true', 'all'] as const;

/** Lists by folder with their lead counts; the filter lives in the URL (?folder, ?archived, ?q). */
export function ListsPage() {
  const [params, setParams] = useSearchParams();
  const canWrite = useCan('member');
  const [creating, create] = useDisclosure(false);
  const archivedParam = params.get('archived');
  const filter: ListsFilter = {
    folderId: params.get('folder'),
    archived: ARCHIVED.find((a) => a === archivedParam) ?? 'false',
    q: params.get('q') ?? '',
  };
  const [search, setSearch] = useState(filter.q);
  const [debounced] = useDebouncedValue(search, 250);
  const lists = useLists(filter);
  const folders = useFolders();

  const setParam = (name: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) setParam('q', debounced || null);
  }, [debounced]);

  const filtered = !!filter.q || filter.archived !== 'false' || filter.folderId !== null;

  return (
    <Stack gap="lg" data-testid="lists-page">
      <PageHeader
        title="Lists"
        description="Group leads for campaigns, exports and CRM pushes. A lead can be in several lists."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="new-list">
              New list
            </Button>
          ) : null
        }
      />
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <Card withBorder radius="md" p="xs">
          <FolderNav selected={filter.folderId} onSelect={(f) => setParam('folder', f)} />
        </Card>
        <Card withBorder radius="md" p="lg" style={{ flex: 1, minWidth: 0 }}>
          <Stack>
            <Group justify="space-between">
              <TextInput
                aria-label="Search lists"
                placeholder="Search lists"
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={280}
              />
              <SegmentedControl
                aria-label="Archived lists"
                value={filter.archived}
                onChange={(v) => setParam('archived', v === 'false' ? null : v)}
                data={[
                  { value: 'false', label: 'Active' },
                  { value: 'true', label: 'Archived' },
                  { value: 'all', label: 'All' },
                ]}
              />
            </Group>
            <QueryState isPending={lists.isPending} error={lists.error} onRetry={() => void lists.refetch()}>
              {lists.data?.length ? (
                <ListsTable lists={lists.data} folders={folders.data ?? []} />
              ) : (
                <Text c="dimmed" ta="center" py="xl" data-testid="lists-empty">
                  {filtered ? 'No lists match.' : 'No lists yet. Create one, then add leads to it from the leads table.'}
                </Text>
              )}
            </QueryState>
          </Stack>
        </Card>
      </Group>
      {creating ? (
        <ListFormModal opened onClose={create.close} defaultFolderId={filter.folderId && filter.folderId !== 'none' ? filter.folderId : null} />
      ) : null}
    </Stack>
  );
}
