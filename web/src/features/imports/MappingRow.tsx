import { Select, Stack, Table, Text } from '@mantine/core';
import { ConfidenceBadge } from './ConfidenceBadge';
import { SKIP, targetOptions } from './fields';
import type { CustomField, MappedColumn, SuggestedColumn } from './types';

interface Props {
  column: SuggestedColumn;
  samples: string[];
  mapping: readonly MappedColumn[];
  customFields: readonly CustomField[];
  onChange: (field: string | null) => void;
}

export function MappingRow({ column, samples, mapping, customFields, onChange }: Props) {
  const name = column.header || `Column ${column.index + 1}`;
  return (
    <Table.Tr data-testid="mapping-row" data-header={name} data-field={column.field ?? ''}>
      <Table.Td>
        <Text fw={500} size="sm">
          {name}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Stack gap={0}>
          {samples.length ? (
            samples.map((s, i) => (
              <Text key={i} size="xs" c="dimmed" truncate="end" title={s}>
                {s}
              </Text>
            ))
          ) : (
            <Text size="xs" c="dimmed" fs="italic">
              empty
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Import "${name}" as`}
          data={targetOptions(column, mapping, customFields)}
          value={column.field ?? SKIP}
          onChange={(v) => onChange(!v || v === SKIP ? null : v)}
          allowDeselect={false}
          searchable
          maxDropdownHeight={320}
          comboboxProps={{ withinPortal: true }}
          data-testid="mapping-select"
        />
      </Table.Td>
      <Table.Td>
        <ConfidenceBadge confidence={column.confidence} reason={column.reason} field={column.field} />
      </Table.Td>
    </Table.Tr>
  );
}
