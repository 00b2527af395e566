import { Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconAdjustments, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCan } from '../auth/session';
import { useCreditBalance, type MovementKind } from './api';
import { BalanceCards } from './BalanceCards';
import { CostsCard } from './CostsCard';
import { CreditSettingsForm } from './CreditSettingsForm';
import { MovementModal } from './MovementModal';
import { TransactionsCard } from './TransactionsCard';
import { UsageCard } from './UsageCard';

/** Balance and limits, usage over time, the ledger; admins also grant, adjust and set costs. */
export function CreditsPage() {
  const isAdmin = useCan('admin');
  const balance = useCreditBalance();
  const [dialog, setDialog] = useState<MovementKind | null>(null);

  const actions = isAdmin ? (
    <Group gap="xs">
      <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('grant')} data-testid="grant-credits">
        Grant credits
      </Button>
      <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={() => setDialog('adjust')} data-testid="adjust-credits">
        Adjust
      </Button>
    </Group>
  ) : null;

  return (
    <Stack gap="lg" data-testid="credits-page">
      <PageHeader title="Credits" description="What your workspace has, what running jobs hold, and where credits went." actions={actions} />
      <QueryState isPending={balance.isPending} error={balance.error} onRetry={() => void balance.refetch()}>
        {balance.data ? <BalanceCards balance={balance.data} /> : null}
      </QueryState>
      <UsageCard />
      <TransactionsCard />
      <SimpleGrid cols={{ base: 1, lg: isAdmin ? 2 : 1 }} spacing="lg">
        {isAdmin && balance.data ? <CreditSettingsForm balance={balance.data} /> : null}
        <CostsCard />
      </SimpleGrid>
      {isAdmin ? <MovementModal opened={dialog !== null} kind={dialog ?? 'grant'} balance={balance.data} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
