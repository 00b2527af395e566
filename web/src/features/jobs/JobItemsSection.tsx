import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { JOB_ITEM_STATUSES, type Job, type JobItemStatus } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useJobItems } from './api';
import { formatCount, ITEM_STATUS_LABELS } from './format';
import { JobItemsTable } from './JobItemsTable';

const FILTERS = ['all', ...JOB_ITEM_STATUSES] as const;

const countOf = (job: Job, s: JobItemStatus): number | null => {
  switch (s) {
    case 'succeeded':
      return job.succeeded;
    case 'failed':
      return job.failed;
    case 'skipped':
      return job.skipped;
    default:
      return null;
  }
};

/** The job's items, filtered by status, a page at a time. */
export function JobItemsSection({ job }: { job: Job }) {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>(job.failed > 0 ? 'failed' : 'all');
  const status = filter === 'all' ? null : filter;
  const items = useJobItems(job.id, status);
  const rows = useMemo(() => items.data?.pages.flatMap((p) => p.items) ?? [], [items.data]);

  const label = (s: JobItemStatus) => {
    const n = countOf(job, s);
    return n === null ? ITEM_STATUS_LABELS[s] : `${ITEM_STATUS_LABELS[s]} (${formatCount(n)})`;
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={5}>Items</Title>
      </Group>
      <SegmentedControl
        size="xs"
        aria-label="Show items"
        value={filter}
        onChange={(v) => setFilter(v as (typeof FILTERS)[number])}
        data={FILTERS.map((f) => ({ value: f, label: f === 'all' ? `All (${formatCount(job.total)})` : label(f) }))}
        data-testid="job-items-filter"
        style={{ overflowX: 'auto' }}
      />
      <QueryState isPending={items.isPending} error={items.error} onRetry={() => void items.refetch()}>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" py="sm" data-testid="job-items-empty">
            {status ? `No ${ITEM_STATUS_LABELS[status].toLowerCase()} items.` : 'This job has no items.'}
          </Text>
        ) : (
          <JobItemsTable items={rows} />
        )}
        {items.hasNextPage ? (
          <Group justify="center">
            <Button variant="light" size="xs" onClick={() => void items.fetchNextPage()} loading={items.isFetchingNextPage} data-testid="job-items-load-more">
              Load more
            </Button>
          </Group>
        ) : null}
      </QueryState>
    </Stack>
  );
}
