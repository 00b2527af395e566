import { Badge, Tooltip } from '@mantine/core';
import { confidenceLevel, REASON_LABELS } from './fields';

const LOOK = {
  high: { color: 'teal', label: 'Sure' },
  medium: { color: 'yellow', label: 'Likely' },
  low: { color: 'orange', label: 'Unsure' },
  none: { color: 'gray', label: 'Skipped' },
} as const;

/** How sure the suggestion is, and why (header, values, both, remembered…). */
export function ConfidenceBadge({ confidence, reason, field }: { confidence: number; reason: string; field: string | null }) {
  const level = reason === 'manual' ? null : confidenceLevel(confidence, field);
  const look = level ? LOOK[level] : { color: 'blue', label: 'Your choice' };
  const percent = Math.round(confidence * 100);
  return (
    <Tooltip label={REASON_LABELS[reason] ?? reason} withArrow>
      <Badge variant="light" color={look.color} data-testid="mapping-confidence" data-level={level ?? 'manual'} data-confidence={confidence}>
        {level && level !== 'none' ? `${look.label} · ${percent}%` : look.label}
      </Badge>
    </Tooltip>
  );
}
