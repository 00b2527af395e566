import { Badge, Code, Popover, Table, Text, UnstyledButton } from '@mantine/core';
import type { JobItem } from '../../api/types';
import { formatDateTime, formatRelative } from '../../lib/format';
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from './format';

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return <Text size="xs" c="dimmed">—</Text>;
  const text = JSON.stringify(value, null, 2);
  return (
    <Popover width={360} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton aria-label={label}>
          <Text size="xs" c="blue" ff="monospace" lineClamp={1} maw={180}>
            {JSON.stringify(value)}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Code block mah={300} style={{ overflow: 'auto' }}>
          {text}
        </Code>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The items of a job in their order: what each one was, how it ended, and why it failed. */
export function JobItemsTable({ items }: { items: JobItem[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} striped data-testid="job-items-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>#</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Result or error</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} data-testid="job-item-row" data-status={i.status}>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {i.seq + 1}
                </Text>
              </Table.Td>
              <Table.Td maw={220}>
                <Text size="sm" truncate="end" title={i.ref}>
                  {i.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={ITEM_STATUS_COLORS[i.status]}>
                  {ITEM_STATUS_LABELS[i.status]}
                </Badge>
                {i.attempts > 0 ? (
                  <Text size="xs" c="dimmed">
                    {i.attempts} failed {i.attempts === 1 ? 'try' : 'tries'}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td maw={260}>
                {i.error ? (
                  <Text size="xs" c="red.8" lineClamp={2} title={i.error}>
                    {i.error}
                  </Text>
                ) : (
                  <Json label={`Result of item ${i.seq + 1}`} value={i.result} />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" title={formatDateTime(i.updatedAt)}>
                  {i.updatedAt ? formatRelative(i.updatedAt) : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
