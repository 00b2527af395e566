import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { CreditTransaction } from '../../api/types';
import { formatDateTime, formatRelative } from '../../lib/format';
import { featureLabel, formatCredits, formatSignedCredits } from './format';
import { LEDGER_KIND_COLORS, LEDGER_KIND_LABELS, movesAvailableOnly } from './ledger-kinds';

const ACTORS: Record<string, string> = { user: 'User', api_key: 'API key', system: 'System' };

function Reference({ t }: { t: CreditTransaction }) {
  if (t.reason) return <Text size="sm">{t.reason}</Text>;
  if (t.reference?.type === 'job') {
    return (
      <Anchor component={Link} to={`/app/jobs/${t.reference.id}`} size="sm">
        Job {t.reference.id.slice(0, 8)}
      </Anchor>
    );
  }
  if (t.reference) {
    return (
      <Text size="sm" c="dimmed">
        {t.reference.type.replace(/_/g, ' ')} {t.reference.id.slice(0, 12)}
      </Text>
    );
  }
  return <Text size="sm" c="dimmed">—</Text>;
}

/** The ledger, newest first: every grant, reservation, charge, refund, release, reset and adjustment. */
export function TransactionsTable({ items }: { items: CreditTransaction[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped data-testid="transactions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Feature</Table.Th>
            <Table.Th>Reason or reference</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th ta="right">Balance after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((t) => (
            <Table.Tr key={t.id} data-testid="transaction-row" data-kind={t.kind}>
              <Table.Td>
                <Text size="sm" title={formatDateTime(t.createdAt)}>
                  {formatRelative(t.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={LEDGER_KIND_COLORS[t.kind]}>
                  {LEDGER_KIND_LABELS[t.kind]}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Text
                  size="sm"
                  fw={600}
                  ff="monospace"
                  c={movesAvailableOnly(t.kind) ? 'dimmed' : t.amountMilli >= 0 ? 'teal.8' : 'red.8'}
                  title={movesAvailableOnly(t.kind) ? 'Changes what is available, not the balance' : undefined}
                  data-testid="transaction-amount"
                >
                  {formatSignedCredits(t.amountMilli)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{featureLabel(t.feature)}</Text>
              </Table.Td>
              <Table.Td maw={320}>
                <Reference t={t} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {ACTORS[t.actorType] ?? t.actorType}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" ff="monospace">
                  {formatCredits(t.balanceAfterMilli)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
