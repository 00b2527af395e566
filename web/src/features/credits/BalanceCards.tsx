import { Alert, SimpleGrid, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCalendarRepeat, IconCoins, IconGauge, IconHourglass, IconWallet } from '@tabler/icons-react';
import type { CreditBalance } from '../../api/types';
import { formatDate } from '../../lib/format';
import { formatCredits, formatOptionalCredits } from './format';
import { StatCard } from './StatCard';

/** Balance, what running jobs hold, what is left to spend, and the workspace's limits. */
export function BalanceCards({ balance: b }: { balance: CreditBalance }) {
  const low = b.lowBalanceThresholdMilli !== null && b.balanceMilli < b.lowBalanceThresholdMilli;
  return (
    <Stack gap="sm">
      {low ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Low balance" data-testid="credits-low-balance">
          The balance is under the low-balance threshold of {formatCredits(b.lowBalanceThresholdMilli!)} credits. Jobs that need more than
          what is available will be refused.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="sm">
        <StatCard
          label="Balance"
          value={formatCredits(b.balanceMilli)}
          icon={IconWallet}
          testId="credits-balance"
          hint={b.lowBalanceThresholdMilli === null ? 'No low-balance notice' : `Notice under ${formatCredits(b.lowBalanceThresholdMilli)}`}
        />
        <StatCard label="Reserved" value={formatCredits(b.reservedMilli)} icon={IconHourglass} color="yellow" testId="credits-reserved" hint="Held by running jobs" />
        <StatCard label="Available" value={formatCredits(b.availableMilli)} icon={IconCoins} color="teal" testId="credits-available" hint="Balance minus reserved" />
        <StatCard
          label="Monthly allowance"
          value={formatCredits(b.monthlyAllowanceMilli)}
          icon={IconCalendarRepeat}
          color="grape"
          testId="credits-allowance"
          hint={b.resetAt ? `Resets on ${formatDate(b.resetAt)}` : 'Never resets'}
        />
        <StatCard
          label="Daily cap"
          value={formatOptionalCredits(b.dailyCapMilli)}
          icon={IconGauge}
          color="gray"
          testId="credits-daily-cap"
          hint={b.dailyCapMilli === null ? 'No limit per day' : 'Most that may be spent per UTC day'}
        />
      </SimpleGrid>
    </Stack>
  );
}
