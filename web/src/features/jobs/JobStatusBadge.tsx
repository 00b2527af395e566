import { Badge } from '@mantine/core';
import type { JobStatus } from '../../api/types';
import { JOB_STATUS_COLORS, JOB_STATUS_LABELS } from './format';

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return (
    <Badge variant="light" color={JOB_STATUS_COLORS[status]} data-testid="job-status" data-status={status}>
      {JOB_STATUS_LABELS[status]}
    </Badge>
  );
}
