import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { Member } from '../../api/types';
import { formatRelative, formatDateTime } from '../../lib/format';
import { fieldValue, type FieldDef } from './fields';
import { formatValue } from './format';
import { IssueFlag } from './IssueFlag';
import { StageBadge } from './StageBadge';
import type { Lead } from './types';

/** One cell of the leads table: the value as its kind shows best, with its flag if any. */
export function LeadCell({ lead, field, members }: { lead: Lead; field: FieldDef; members: Map<string, Member> }) {
  const value = fieldValue(lead, field.id);
  const issue = lead.issues[field.id];
  if (field.kind === 'stage') return <StageBadge stage={lead.stage} />;
  if (field.kind === 'tags')
    return (
      <Group gap={4} wrap="nowrap">
        {lead.tags.slice(0, 3).map((t) => (
          <Badge key={t} size="xs" variant="outline" data-testid="lead-tag">
            {t}
          </Badge>
        ))}
        {lead.tags.length > 3 ? (
          <Text size="xs" c="dimmed">
            +{lead.tags.length - 3}
          </Text>
        ) : null}
      </Group>
    );
  if (field.kind === 'owner') {
    const m = typeof value === 'string' ? members.get(value) : undefined;
    return <Text size="sm">{m ? m.name || m.email : ''}</Text>;
  }
  if (field.id === 'created_at' || field.id === 'updated_at')
    return (
      <Text size="sm" title={formatDateTime(value as string)} style={{ whiteSpace: 'nowrap' }}>
        {formatRelative(value as string)}
      </Text>
    );
  const text = formatValue(value, field.kind);
  return (
    <Group gap={4} wrap="nowrap">
      {field.kind === 'url' && text && !issue ? (
        <Anchor href={text} target="_blank" rel="noreferrer noopener" size="sm" lineClamp={1} onClick={(e) => e.stopPropagation()}>
          {text.replace(/^https?:\/\/(www\.)?/, '')}
        </Anchor>
      ) : (
        <Text size="sm" lineClamp={1} c={issue ? 'orange.8' : undefined} style={{ wordBreak: 'break-all' }}>
          {text}
        </Text>
      )}
      {issue ? <IssueFlag issue={issue} /> : null}
    </Group>
  );
}
