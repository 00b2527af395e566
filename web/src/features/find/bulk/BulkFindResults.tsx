import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { useBulkFindResults } from '../api';
import { STATUS_COLOR, STATUS_LABEL } from '../explain';
import type { BulkFindRow, FindStatus } from '../types';

const personName = (p: BulkFindRow['person']) => p.fullName || [p.firstName, p.lastName].filter(Boolean).join(' ') || '—';
const companyOf = (p: BulkFindRow['person']) => p.domain || p.website || p.company || '—';

/** The results in input order, filtered by status, a page at a time. */
export function BulkFindResults({ jobId, live }: { jobId: string; live: boolean }) {
  const [status, setStatus] = useState<FindStatus | null>(null);
  const [cursors, setCursors] = useState<Array<number | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useBulkFindResults(jobId, status, cursor, live);
  const choose = (v: string) => {
    setStatus(v === 'all' ? null : (v as FindStatus));
    setCursors([null]);
  };

  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status ?? 'all'}
        onChange={choose}
        data={[{ value: 'all', label: 'All' }, ...(['valid', 'risky', 'not_found'] as const).map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
        data-testid="bulk-find-filter"
      />
      <QueryState isPending={page.isPending} error={page.error} onRetry={() => void page.refetch()}>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={6} data-testid="bulk-find-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Person</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Confidence</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(page.data?.items ?? []).map((row) => (
                <Table.Tr key={row.seq} data-testid="bulk-find-row" data-status={row.result?.status ?? 'pending'}>
                  <Table.Td>{row.seq}</Table.Td>
                  <Table.Td>{personName(row.person)}</Table.Td>
                  <Table.Td>{companyOf(row.person)}</Table.Td>
                  <Table.Td>{row.result?.email ?? '—'}</Table.Td>
                  <Table.Td>{row.result ? <Badge color={STATUS_COLOR[row.result.status]}>{STATUS_LABEL[row.result.status]}</Badge> : <Text size="xs">pending</Text>}</Table.Td>
                  <Table.Td>{row.result?.email ? row.result.confidence : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="subtle" size="xs" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Previous
          </Button>
          <Button variant="subtle" size="xs" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}>
            Next
          </Button>
        </Group>
      </QueryState>
    </Stack>
  );
}
