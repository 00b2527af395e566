import { Table, Text, Tooltip } from '@mantine/core';
import { providerName, REASON_LABELS, REASON_SENTENCES } from '../explain';
import type { BulkResultRow } from '../types';
import { VerifyStatusBadge } from '../VerifyStatusBadge';

/** One row per input address, in input order; not yet verified rows say so. */
export function BulkResultsTable({ rows }: { rows: BulkResultRow[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing={6} striped data-testid="bulk-results-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>#</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th>Did you mean</Table.Th>
            <Table.Th>Provider</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const r = row.result;
            return (
              <Table.Tr key={row.seq} data-testid="bulk-result-row" data-status={r?.status ?? 'pending'} data-reason={r?.reason ?? ''}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {row.seq + 1}
                  </Text>
                </Table.Td>
                <Table.Td maw={280}>
                  <Text size="sm" truncate="end" title={row.input} data-testid="bulk-result-input">
                    {row.input}
                  </Text>
                  {r && r.email !== row.input ? (
                    <Text size="xs" c="dimmed" truncate="end">
                      {r.email}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{r ? <VerifyStatusBadge status={r.status} size="sm" /> : <Text size="xs" c="dimmed">Not verified yet</Text>}</Table.Td>
                <Table.Td>
                  {r ? (
                    <Tooltip label={REASON_SENTENCES[r.reason]} multiline w={280} withinPortal>
                      <Text size="sm">{REASON_LABELS[r.reason]}</Text>
                    </Tooltip>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{r ? r.score : ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="blue">
                    {r?.suggestion ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {r ? (providerName(r.checks.provider) ?? '') : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
