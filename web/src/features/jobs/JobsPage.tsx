import { Button, Card, Group, Stack } from '@mantine/core';
import { useMemo, useRef } from 'react';
import { Outlet, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useJobs } from './api';
import { hasFilters, readFilters, writeFilters, type JobFilters } from './filters';
import { isMoving } from './format';
import { JobFiltersBar } from './JobFiltersBar';
import { JobsEmpty } from './JobsEmpty';
import { JobsTable } from './JobsTable';
import { useJobStreams } from './useJobStreams';

/** Live streams for at most this many jobs of the list; the others follow by polling. */
const STREAMED_JOBS = 3;

/** Every job of the workspace with live progress; /app/jobs/:jobId opens one in a drawer. */
export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const jobs = useJobs(filters);
  const items = useMemo(() => jobs.data?.pages.flatMap((p) => p.items) ?? [], [jobs.data]);

  const seenKinds = useRef(new Set<string>());
  const kinds = useMemo(() => {
    for (const j of items) seenKinds.current.add(j.kind);
    return [...seenKinds.current];
  }, [items]);

  useJobStreams(items.filter((j) => isMoving(j.status)).slice(0, STREAMED_JOBS).map((j) => j.id));

  const setFilters = (f: JobFilters) => setParams(writeFilters(f), { replace: true });
  const filtered = hasFilters(filters);

  return (
    <Stack gap="lg" data-testid="jobs-page">
      <PageHeader title="Jobs" description="Imports, verifications, enrichments and exports: progress, rate and time left, live." />
      <Card withBorder radius="md" p="lg">
        <Stack>
          <JobFiltersBar filters={filters} kinds={kinds} onChange={setFilters} />
          <QueryState isPending={jobs.isPending} error={jobs.error} onRetry={() => void jobs.refetch()}>
            {items.length === 0 ? (
              <JobsEmpty filtered={filtered} onClear={() => setFilters({ status: [], kind: null, from: null, to: null })} />
            ) : (
              <JobsTable jobs={items} />
            )}
            {jobs.hasNextPage ? (
              <Group justify="center">
                <Button variant="light" onClick={() => void jobs.fetchNextPage()} loading={jobs.isFetchingNextPage} data-testid="jobs-load-more">
                  Load more
                </Button>
              </Group>
            ) : null}
          </QueryState>
        </Stack>
      </Card>
      <Outlet />
    </Stack>
  );
}
