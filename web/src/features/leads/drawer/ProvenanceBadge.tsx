import { Badge, Tooltip } from '@mantine/core';
import type { LeadSource } from '../types';
import { provenanceText, SOURCE_COLORS } from './provenance';

/** Where a field's value came from, and when: a small badge with the details in a tooltip. */
export function ProvenanceBadge({ source, at, memberName }: { source: LeadSource; at: string; memberName?: (id: string) => string | undefined }) {
  const text = provenanceText(source, at, memberName);
  return (
    <Tooltip label={text} withArrow>
      <Badge size="xs" variant="dot" color={SOURCE_COLORS[source.kind] ?? 'gray'} aria-label={`Source: ${text}`} data-testid="provenance" data-source-kind={source.kind} style={{ cursor: 'help', flexShrink: 0 }}>
        {source.kind}
      </Badge>
    </Tooltip>
  );
}
