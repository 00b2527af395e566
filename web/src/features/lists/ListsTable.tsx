import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useCan } from '../auth/session';
import { ListRowMenu } from './ListRowMenu';
import type { LeadList, ListFolder } from './types';

/** The lists by name: a name opens the leads table filtered by that list. */
export function ListsTable({ lists, folders }: { lists: LeadList[]; folders: ListFolder[] }) {
  const canWrite = useCan('member');
  const folderName = new Map(folders.map((f) => [f.id, f.name]));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="lists-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>List</Table.Th>
            <Table.Th>Folder</Table.Th>
            <Table.Th ta="right">Leads</Table.Th>
            <Table.Th>Updated</Table.Th>
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((list) => (
            <Table.Tr key={list.id} data-testid="list-row" data-list-name={list.name} data-archived={!!list.archivedAt}>
              <Table.Td maw={420}>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={`/app/leads?list=${list.id}`} fw={500} size="sm" data-testid="list-link">
                      {list.name}
                    </Anchor>
                    {list.visibility === 'private' ? (
                      <Tooltip label={`Private: ${list.memberIds.length} chosen member${list.memberIds.length === 1 ? '' : 's'}, the creator and admins`}>
                        <IconLock size={14} aria-label="Private list" data-testid="list-private" />
                      </Tooltip>
                    ) : null}
                    {list.archivedAt ? (
                      <Badge size="xs" color="gray" variant="light">
                        Archived
                      </Badge>
                    ) : null}
                  </Group>
                  {list.description ? (
                    <Text size="xs" c="dimmed" lineClamp={2} data-testid="list-description">
                      {list.description}
                    </Text>
                  ) : null}
                  {list.tags.length ? (
                    <Group gap={4}>
                      {list.tags.map((t) => (
                        <Badge key={t} size="xs" variant="outline">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={list.folderId ? undefined : 'dimmed'}>
                  {list.folderId ? folderName.get(list.folderId) ?? '—' : '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" data-testid="list-lead-count">
                  {list.leadCount.toLocaleString()}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(list.updatedAt)}>
                  {formatRelative(list.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>{canWrite ? <ListRowMenu list={list} /> : null}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
