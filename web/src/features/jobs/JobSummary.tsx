import { Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Job } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { formatCredits } from '../credits/format';
import { formatCount, formatDuration, formatEta, formatRate } from './format';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="xs" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** Counts, rate and time left, the kind's own counters, and when and by whom it ran. */
export function JobSummary({ job }: { job: Job }) {
  const stats = Object.entries(job.stats);
  const took = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs" data-testid="job-counts">
        <Figure label="Total" value={formatCount(job.total)} testId="job-count-total" />
        <Figure label="Processed" value={formatCount(job.processed)} testId="job-count-processed" />
        <Figure label="Succeeded" value={formatCount(job.succeeded)} testId="job-count-succeeded" />
        <Figure label="Failed" value={formatCount(job.failed)} testId="job-count-failed" />
        <Figure label="Skipped" value={formatCount(job.skipped)} testId="job-count-skipped" />
        <Figure label="Pending" value={formatCount(Math.max(0, job.total - job.processed))} testId="job-count-pending" />
        <Figure label="Rate" value={formatRate(job.itemsPerSecond)} testId="job-rate" />
        <Figure label={took === null ? 'Time left' : 'Took'} value={took === null ? formatEta(job) : formatDuration(took)} testId="job-eta" />
      </SimpleGrid>
      {stats.length > 0 ? (
        <Stack gap={4}>
          <Title order={6}>Results</Title>
          <Table withTableBorder verticalSpacing={4} data-testid="job-stats">
            <Table.Tbody>
              {stats.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td>
                    <Text size="sm">{k.replace(/_/g, ' ')}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600}>
                      {formatCount(v)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
      <Table verticalSpacing={4} fz="sm" data-testid="job-facts">
        <Table.Tbody>
          <Fact label="Kind" value={<Code>{job.kind}</Code>} />
          {job.feature ? <Fact label="Credits" value={`${formatCredits(job.costPerItemMilli)} per item (${job.feature})`} /> : null}
          <Fact label="Created" value={`${formatDateTime(job.createdAt)} by ${job.createdBy.type.replace(/_/g, ' ')}`} />
          <Fact label="Started" value={formatDateTime(job.startedAt)} />
          <Fact label="Finished" value={formatDateTime(job.finishedAt)} />
          {job.retryRound > 0 ? <Fact label="Retries" value={String(job.retryRound)} /> : null}
          <Fact label="Job id" value={<Code fz="xs">{job.id}</Code>} />
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={110}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>{typeof value === 'string' ? <Text size="sm">{value}</Text> : value}</Group>
      </Table.Td>
    </Table.Tr>
  );
}
