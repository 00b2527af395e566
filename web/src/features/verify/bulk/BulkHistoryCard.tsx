import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { Job } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useJobs } from '../../jobs/api';
import type { JobFilters } from '../../jobs/filters';
import { formatCount, isActive, jobTitle } from '../../jobs/format';
import { JobProgressBar } from '../../jobs/JobProgressBar';
import { JobStatusBadge } from '../../jobs/JobStatusBadge';
import { useJobStreams } from '../../jobs/useJobStreams';
import { STATUS_COLORS } from '../explain';
import { VERIFY_BULK_KIND, VERIFY_STATUSES } from '../types';

const FILTERS: JobFilters = { status: [], kind: VERIFY_BULK_KIND, from: null, to: null };
/** Streams are limited (about six connections per server): follow the newest running few. */
const MAX_STREAMS = 3;

/** Past and running bulk verifications, newest first; a row opens that run above. */
export function BulkHistoryCard({ selectedId, onSelect }: { selectedId: string | null; onSelect: (jobId: string) => void }) {
  const jobs = useJobs(FILTERS);
  const rows = useMemo(() => jobs.data?.pages.flatMap((p) => p.items) ?? [], [jobs.data]);
  useJobStreams(rows.filter((j) => isActive(j.status)).slice(0, MAX_STREAMS).map((j) => j.id));

  return (
    <Card withBorder radius="md" p="lg" data-testid="bulk-history">
      <Stack gap="sm">
        <Title order={4}>History</Title>
        <QueryState isPending={jobs.isPending} error={jobs.error} onRetry={() => void jobs.refetch()}>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="bulk-history-empty">
              No bulk verifications yet. Paste addresses, upload a file or pick a list above to start one.
            </Text>
          ) : (
            <HistoryTable rows={rows} selectedId={selectedId} onSelect={onSelect} />
          )}
          {jobs.hasNextPage ? (
            <Group justify="center">
              <Button variant="light" size="xs" onClick={() => void jobs.fetchNextPage()} loading={jobs.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          ) : null}
        </QueryState>
      </Stack>
    </Card>
  );
}

function HistoryTable({ rows, selectedId, onSelect }: { rows: Job[]; selectedId: string | null; onSelect: (jobId: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing={6} highlightOnHover data-testid="bulk-history-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Verification</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={200}>Progress</Table.Th>
            <Table.Th>Valid / invalid / risky / unknown</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((job) => (
            <Table.Tr
              key={job.id}
              onClick={() => onSelect(job.id)}
              style={{ cursor: 'pointer' }}
              bg={job.id === selectedId ? 'var(--mantine-color-blue-light)' : undefined}
              data-testid="bulk-history-row"
              data-job-id={job.id}
              aria-selected={job.id === selectedId}
            >
              <Table.Td maw={260}>
                <Text size="sm" truncate="end">
                  {jobTitle(job)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" title={formatDateTime(job.createdAt)}>
                  {formatRelative(job.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <JobStatusBadge status={job.status} />
              </Table.Td>
              <Table.Td>
                <JobProgressBar job={job} size="sm" />
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {VERIFY_STATUSES.map((s, i) => (
                    <Text key={s} size="sm" c={STATUS_COLORS[s]} fw={600}>
                      {formatCount(job.stats[s] ?? 0)}
                      {i < VERIFY_STATUSES.length - 1 ? <Text span c="dimmed"> /</Text> : null}
                    </Text>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
