import '@mantine/dates/styles.css';
import { Card, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import type { CreditFeatureUsage } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useCreditUsage } from './api';
import { featureLabel, formatCredits, isoDay, lastDays } from './format';

// recharts is most of the chart's weight: loaded only when a chart is shown.
const UsageChart = lazy(() => import('./UsageChart').then((m) => ({ default: m.UsageChart })));

const MAX_DAYS = 366;

const presets = () => {
  const preset = (label: string, days: number) => ({ label, value: lastDays(days) as DatesRangeValue<string> });
  return [preset('Last 7 days', 7), preset('Last 30 days', 30), preset('Last 90 days', 90), preset('Last 12 months', 365)];
};

const spanDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** Credits used per feature over a chosen range of UTC days: a stacked chart and the totals. */
export function UsageCard() {
  const [range, setRange] = useState<DatesRangeValue<string>>(() => lastDays(30));
  const [from, to] = range;
  const tooLong = Boolean(from && to && spanDays(from, to) > MAX_DAYS);
  const usage = useCreditUsage(tooLong ? null : from, tooLong ? null : to);

  return (
    <Card withBorder radius="md" p="lg">
      <Stack>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Title order={4}>Usage</Title>
            <Text size="sm" c="dimmed">
              Credits used (charges minus refunds) per day and feature, in UTC days.
              {usage.data ? ` ${formatCredits(usage.data.totalUsedMilli)} credits in this period.` : ''}
            </Text>
          </Stack>
          <DatePickerInput
            type="range"
            label="Period"
            aria-label="Usage period"
            value={range}
            onChange={(v) => setRange(v as DatesRangeValue<string>)}
            maxDate={isoDay(new Date())}
            presets={presets()}
            leftSection={<IconCalendar size={16} />}
            valueFormat="MMM D, YYYY"
            w={280}
            error={tooLong ? `Pick at most ${MAX_DAYS} days` : undefined}
            data-testid="usage-range"
          />
        </Group>
        <QueryState isPending={usage.isPending && !!from && !!to && !tooLong} error={usage.error} onRetry={() => void usage.refetch()}>
          {usage.data && usage.data.features.length > 0 ? (
            <>
              <Suspense
                fallback={
                  <Center h={260}>
                    <Loader size="sm" />
                  </Center>
                }
              >
                <UsageChart usage={usage.data} />
              </Suspense>
              <FeatureTotals features={usage.data.features} />
            </>
          ) : (
            <Text size="sm" c="dimmed" py="md" data-testid="usage-empty">
              {from && to ? 'No credits were used in this period.' : 'Pick the first and the last day of the period.'}
            </Text>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}

function FeatureTotals({ features }: { features: CreditFeatureUsage[] }) {
  return (
    <Table verticalSpacing={6} data-testid="usage-features">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Feature</Table.Th>
          <Table.Th ta="right">Used</Table.Th>
          <Table.Th ta="right">Charges</Table.Th>
          <Table.Th ta="right">Refunds</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {features.map((f) => (
          <Table.Tr key={f.feature}>
            <Table.Td>{featureLabel(f.feature)}</Table.Td>
            <Table.Td ta="right">{formatCredits(f.usedMilli)}</Table.Td>
            <Table.Td ta="right">{f.charges}</Table.Td>
            <Table.Td ta="right">{f.refunds}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
