import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { useBulkResults } from '../api';
import { BulkExportButtons } from './BulkExportButtons';
import { BulkResultsFilters, type ResultFilters } from './BulkResultsFilters';
import { BulkResultsTable } from './BulkResultsTable';

const PAGE_SIZE = 50;

interface Props {
  jobId: string;
  live: boolean;
  filters: ResultFilters;
  onFiltersChange: (f: ResultFilters) => void;
}

/** The results a page at a time (keyset cursors, kept in a stack for "previous"), filters and export. */
export function BulkResultsSection({ jobId, live, filters, onFiltersChange }: Props) {
  const [q] = useDebouncedValue(filters.q, 300);
  const [cursors, setCursors] = useState<Array<number | null>>([null]);
  // A new filter starts again at the first page.
  useEffect(() => setCursors([null]), [jobId, filters.status, filters.reason, q]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const results = useBulkResults(jobId, { status: filters.status, reason: filters.reason, q, cursor, limit: PAGE_SIZE }, live);
  const rows = results.data?.items ?? [];
  const page = cursors.length;
  const first = (page - 1) * PAGE_SIZE;

  return (
    <Stack gap="sm" data-testid="bulk-results">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={5}>Results</Title>
        <BulkExportButtons jobId={jobId} filters={filters} />
      </Group>
      <BulkResultsFilters filters={filters} onChange={onFiltersChange} />
      <QueryState isPending={results.isPending} error={results.error} onRetry={() => void results.refetch()}>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" py="sm" data-testid="bulk-results-empty">
            {filters.status || filters.reason || q ? 'No results match these filters.' : 'No results yet.'}
          </Text>
        ) : (
          <BulkResultsTable rows={rows} />
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed" data-testid="bulk-results-range">
            {rows.length > 0 ? `Rows ${first + 1}–${first + rows.length}` : ''}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconChevronLeft size={14} />}
              disabled={page === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
              data-testid="bulk-results-prev"
            >
              Previous
            </Button>
            <Button
              size="xs"
              variant="default"
              rightSection={<IconChevronRight size={14} />}
              disabled={results.data?.nextCursor == null || results.isPlaceholderData}
              onClick={() => setCursors((c) => [...c, results.data!.nextCursor])}
              data-testid="bulk-results-next"
            >
              Next
            </Button>
          </Group>
        </Group>
      </QueryState>
    </Stack>
  );
}
