import { Badge, type BadgeProps } from '@mantine/core';
import { STATUS_COLORS, STATUS_LABELS } from './explain';
import type { VerifyStatus } from './types';

export function VerifyStatusBadge({ status, ...props }: { status: VerifyStatus } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} data-testid="verify-status" data-status={status} {...props}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
