import { Badge } from '@mantine/core';
import { JOB_STATUS_COLORS, JOB_STATUS_LABELS } from '../jobs/format';
import type { ImportStatus } from './types';

/** The job's status (same words and colours as the jobs page), or "Undone". */
export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const label = status === 'undone' ? 'Undone' : JOB_STATUS_LABELS[status];
  const color = status === 'undone' ? 'gray' : JOB_STATUS_COLORS[status];
  return (
    <Badge variant="light" color={color} data-testid="import-status" data-status={status}>
      {label}
    </Badge>
  );
}
