import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowMerge } from '@tabler/icons-react';
import { formatRelative } from '../../../lib/format';
import { leadDisplayName } from '../fields';
import type { DuplicateGroup } from './api';
import { MergeModal } from './MergeModal';

/** One set of leads sharing a key, with a button to merge them. */
export function DuplicateGroupCard({ group, canMerge }: { group: DuplicateGroup; canMerge: boolean }) {
  const [merging, merge] = useDisclosure(false);
  return (
    <Card withBorder radius="md" p="md" data-testid="duplicate-group" data-value={group.value}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
              {group.value}
            </Text>
            <Badge variant="light">{group.count} leads</Badge>
          </Group>
          {canMerge ? (
            <Button size="xs" leftSection={<IconArrowMerge size={14} />} onClick={merge.open} data-testid="merge-open">
              Merge…
            </Button>
          ) : null}
        </Group>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {group.leads.map((l) => (
              <Table.Tr key={l.id} data-testid="duplicate-lead">
                <Table.Td>{leadDisplayName(l)}</Table.Td>
                <Table.Td>{l.email ?? '—'}</Table.Td>
                <Table.Td>{l.company ?? '—'}</Table.Td>
                <Table.Td c="dimmed">created {formatRelative(l.created_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {merging ? <MergeModal leads={group.leads} onClose={merge.close} /> : null}
    </Card>
  );
}
