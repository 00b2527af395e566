import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { LEDGER_KINDS, type LedgerKind } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useCreditTransactions } from './api';
import { LEDGER_KIND_LABELS } from './ledger-kinds';
import { TransactionsTable } from './TransactionsTable';

const KIND_OPTIONS = LEDGER_KINDS.map((k) => ({ value: k, label: LEDGER_KIND_LABELS[k] }));

/** The ledger with a kind filter and "load more" through the keyset cursor. */
export function TransactionsCard() {
  const [kind, setKind] = useState<LedgerKind | null>(null);
  const ledger = useCreditTransactions(kind);
  const items = useMemo(() => ledger.data?.pages.flatMap((p) => p.items) ?? [], [ledger.data]);

  return (
    <Card withBorder radius="md" p="lg">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={4}>Transactions</Title>
            <Text size="sm" c="dimmed">
              Every movement of credits, newest first.
            </Text>
          </Stack>
          <Select
            label="Kind"
            placeholder="All kinds"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(v) => setKind(v as LedgerKind | null)}
            clearable
            w={220}
            data-testid="transactions-kind"
          />
        </Group>
        <QueryState isPending={ledger.isPending} error={ledger.error} onRetry={() => void ledger.refetch()}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" py="md" data-testid="transactions-empty">
              {kind ? `No ${LEDGER_KIND_LABELS[kind].toLowerCase()} transactions yet.` : 'No transactions yet.'}
            </Text>
          ) : (
            <TransactionsTable items={items} />
          )}
          {ledger.hasNextPage ? (
            <Group justify="center">
              <Button variant="light" onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage} data-testid="transactions-load-more">
                Load more
              </Button>
            </Group>
          ) : null}
        </QueryState>
      </Stack>
    </Card>
  );
}
