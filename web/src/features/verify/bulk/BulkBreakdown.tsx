import { Center, Group, Loader, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { formatCount } from '../../jobs/format';
import { REASON_LABELS, STATUS_COLORS, STATUS_LABELS } from '../explain';
import { VERIFY_STATUSES, type BulkCounts, type VerifyReason, type VerifyStatus } from '../types';
import { VerifyStatusBadge } from '../VerifyStatusBadge';
import { reasonsByCount, totalOf } from './counts';

const BulkStatusChart = lazy(() => import('./BulkStatusChart').then((m) => ({ default: m.BulkStatusChart })));

interface Props {
  counts: BulkCounts;
  /** Show only these results in the table below. */
  onPick: (filter: { status?: VerifyStatus; reason?: VerifyReason }) => void;
}

const pct = (n: number, total: number) => (total > 0 ? `${Math.round((n / total) * 1000) / 10}%` : '0%');

/** Statuses as a chart and figures, then the reasons behind them; clicking one filters the results. */
export function BulkBreakdown({ counts, onPick }: Props) {
  const total = totalOf(counts);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid="bulk-breakdown">
      <Group gap="lg" align="center" wrap="nowrap">
        {total > 0 ? (
          <Suspense fallback={<Center w={150} h={150}><Loader size="sm" /></Center>}>
            <BulkStatusChart counts={counts} total={total} />
          </Suspense>
        ) : (
          <Text size="sm" c="dimmed" w={150}>
            No results yet.
          </Text>
        )}
        <Stack gap={6}>
          {VERIFY_STATUSES.map((s) => (
            <UnstyledButton key={s} onClick={() => onPick({ status: s })} aria-label={`Show ${STATUS_LABELS[s].toLowerCase()} results`}>
              <Group gap="xs" wrap="nowrap" data-testid="bulk-count" data-status={s} data-count={counts.byStatus[s]}>
                <VerifyStatusBadge status={s} w={104} />
                <Text size="sm" fw={600} c={counts.byStatus[s] > 0 ? STATUS_COLORS[s] : 'dimmed'}>
                  {formatCount(counts.byStatus[s])}
                </Text>
                <Text size="xs" c="dimmed">
                  {pct(counts.byStatus[s], total)}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </Group>
      <Table verticalSpacing={4} data-testid="bulk-reasons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">Addresses</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reasonsByCount(counts).map(([reason, n]) => (
            <Table.Tr key={reason} data-testid="bulk-reason" data-reason={reason} data-count={n} style={{ cursor: 'pointer' }} onClick={() => onPick({ reason })}>
              <Table.Td>
                <Text size="sm">{REASON_LABELS[reason]}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600}>
                  {formatCount(n)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SimpleGrid>
  );
}
