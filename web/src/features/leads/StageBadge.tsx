import { Badge } from '@mantine/core';
import type { Stage } from './types';

const COLORS: Record<Stage, string> = {
  new: 'gray',
  contacted: 'blue',
  mql: 'cyan',
  sql: 'teal',
  opportunity: 'violet',
  customer: 'green',
  lost: 'red',
};

export const STAGE_LABELS: Record<Stage, string> = {
  new: 'New',
  contacted: 'Contacted',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  lost: 'Lost',
};

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={COLORS[stage]} variant="light" size="sm" data-testid="lead-stage">
      {STAGE_LABELS[stage]}
    </Badge>
  );
}
