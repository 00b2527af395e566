import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { useJobs } from '../../jobs/api';
import type { JobFilters } from '../../jobs/filters';
import { formatCount, jobTitle } from '../../jobs/format';
import { JobStatusBadge } from '../../jobs/JobStatusBadge';
import { BulkFindRun } from './BulkFindRun';
import { BulkFindStart } from './BulkFindStart';

const FILTERS: JobFilters = { status: [], kind: 'finder.bulk', from: null, to: null };

/** Start a bulk find, follow the open one (`?job=`), and the history of bulk finds. */
export function BulkFindSection() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const select = (id: string | null) => setParams(id ? { tab: 'bulk', job: id } : { tab: 'bulk' });
  const jobs = useJobs(FILTERS);
  const rows = useMemo(() => jobs.data?.pages.flatMap((p) => p.items) ?? [], [jobs.data]);

  return (
    <Stack gap="lg" data-testid="bulk-find-section">
      <BulkFindStart onStarted={(job) => select(job.id)} />
      {jobId ? <BulkFindRun key={jobId} jobId={jobId} onClose={() => select(null)} /> : null}
      <Card withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={4}>History</Title>
          <QueryState isPending={jobs.isPending} error={jobs.error} onRetry={() => void jobs.refetch()}>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                No bulk finds yet.
              </Text>
            ) : (
              <Table highlightOnHover data-testid="bulk-find-history">
                <Table.Tbody>
                  {rows.map((j) => (
                    <Table.Tr key={j.id} onClick={() => select(j.id)} style={{ cursor: 'pointer' }} bg={j.id === jobId ? 'var(--mantine-color-blue-light)' : undefined}>
                      <Table.Td>{jobTitle(j)}</Table.Td>
                      <Table.Td>{formatDateTime(j.createdAt)}</Table.Td>
                      <Table.Td>
                        <JobStatusBadge status={j.status} />
                      </Table.Td>
                      <Table.Td>
                        {formatCount(j.stats.valid ?? 0)} found · {formatCount(j.stats.risky ?? 0)} guessed · {formatCount(j.stats.not_found ?? 0)} not found
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Stack>
      </Card>
    </Stack>
  );
}
