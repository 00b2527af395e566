import { Anchor, Code, Stack, Table, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Job } from '../../api/types';
import { formatDateTime, formatRelative } from '../../lib/format';
import { jobTitle } from './format';
import { JobProgressBar } from './JobProgressBar';
import { JobStatusBadge } from './JobStatusBadge';

/** The jobs, newest first; a job's name opens its detail (keeping the list's filters). */
export function JobsTable({ jobs }: { jobs: Job[] }) {
  const { search } = useLocation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="jobs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={320}>Progress</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id} data-testid="job-row" data-job-id={job.id}>
              <Table.Td maw={340}>
                <Stack gap={2}>
                  <Anchor component={Link} to={{ pathname: job.id, search }} fw={500} size="sm" lineClamp={2} data-testid="job-link">
                    {jobTitle(job)}
                  </Anchor>
                  <Code fz="xs" w="fit-content">
                    {job.kind}
                  </Code>
                </Stack>
              </Table.Td>
              <Table.Td>
                <JobStatusBadge status={job.status} />
              </Table.Td>
              <Table.Td>
                <JobProgressBar job={job} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(job.createdAt)}>
                  {formatRelative(job.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
