import { Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** A value stored as given but flagged by normalization (an invalid email, phone, URL…). */
export function IssueFlag({ issue }: { issue: string }) {
  return (
    <Tooltip label={`Flagged: ${issue}`} withArrow>
      <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-label={`Flagged: ${issue}`} data-testid="issue-flag" style={{ flexShrink: 0 }} />
    </Tooltip>
  );
}
