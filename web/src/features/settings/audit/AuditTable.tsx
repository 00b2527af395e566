import { Badge, Code, Popover, Table, Text, UnstyledButton } from '@mantine/core';
import type { AuditEntry } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../lib/format';

function actor(e: AuditEntry) {
  if (e.actorEmail) return e.actorEmail;
  if (e.actorApiKeyId) return `API key ${e.actorApiKeyId.slice(0, 8)}`;
  return e.actorType;
}

function Details({ metadata }: { metadata: AuditEntry['metadata'] }) {
  if (!metadata || Object.keys(metadata).length === 0) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Popover width={380} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton>
          <Text size="xs" c="blue">
            Details
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Code block>{JSON.stringify(metadata, null, 2)}</Code>
      </Popover.Dropdown>
    </Popover>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-testid="audit-row">
              <Table.Td>
                <Text size="sm" title={formatDateTime(e.createdAt)}>
                  {formatRelative(e.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color="gray" tt="none" ff="monospace">
                  {e.action}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{actor(e)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {e.targetType ? `${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}` : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" ff="monospace">
                  {e.ip ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Details metadata={e.metadata} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
