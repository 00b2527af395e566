import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useMemberNames } from '../settings/api';
import { ImportStatusBadge } from './ImportStatusBadge';
import type { ImportRecord } from './types';

const n = (v: number) => v.toLocaleString();

/** Past imports, newest first: file, who, when, counts and status; the file name opens the detail. */
export function ImportHistoryTable({ imports }: { imports: ImportRecord[] }) {
  const memberName = useMemberNames();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="imports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            <Table.Th ta="right">Updated</Table.Th>
            <Table.Th ta="right">Skipped</Table.Th>
            <Table.Th ta="right">Invalid</Table.Th>
            <Table.Th ta="right">Duplicates</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((imp) => (
            <Table.Tr key={imp.id} data-testid="import-row" data-import-id={imp.id}>
              <Table.Td maw={300}>
                <Stack gap={0}>
                  <Anchor component={Link} to={imp.id} fw={500} size="sm" lineClamp={2} data-testid="import-link">
                    {imp.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {(imp.file.format ?? '').toUpperCase()}
                    {imp.file.encoding ? ` · ${imp.file.encoding}` : ''}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{imp.createdBy.userId ? memberName(imp.createdBy.userId) : imp.createdBy.apiKeyId ? 'API key' : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(imp.createdAt)}>
                  {formatRelative(imp.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{n(imp.counts.total)}</Table.Td>
              <Table.Td ta="right" data-testid="row-created">
                {n(imp.counts.created)}
              </Table.Td>
              <Table.Td ta="right">{n(imp.counts.updated)}</Table.Td>
              <Table.Td ta="right">{n(imp.counts.skipped)}</Table.Td>
              <Table.Td ta="right">{n(imp.counts.invalid)}</Table.Td>
              <Table.Td ta="right">{n(imp.counts.duplicates)}</Table.Td>
              <Table.Td>
                <ImportStatusBadge status={imp.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
