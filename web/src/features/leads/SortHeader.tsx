import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { FieldDef } from './fields';

interface Props {
  field: FieldDef;
  /** The view's sort and the direction the server actually uses. */
  sort: string;
  order: 'asc' | 'desc';
  onSort: (sort: string, order: 'asc' | 'desc') => void;
}

/** A column header; sortable columns toggle ascending / descending on click. */
export function SortHeader({ field, sort, order, onSort }: Props) {
  if (!field.sort) return <Table.Th style={{ whiteSpace: 'nowrap' }}>{field.label}</Table.Th>;
  const active = sort === field.sort;
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconSortAscending : IconSortDescending;
  // Times read newest first, names A to Z, as the API defaults do.
  const firstOrder = field.kind === 'date' ? 'desc' : 'asc';
  const next = active ? (order === 'asc' ? 'desc' : 'asc') : firstOrder;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(field.sort!, next)} data-testid={`sort-${field.id}`}>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={700}>
            {field.label}
          </Text>
          <Icon size={14} opacity={active ? 1 : 0.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
