import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useMemo } from 'react';
import { MappingRow } from './MappingRow';
import type { CustomField, SuggestedColumn } from './types';

const SAMPLE_VALUES = 3;

interface Props {
  columns: SuggestedColumn[];
  rows: string[][];
  remembered: boolean;
  customFields: CustomField[];
  onChange: (index: number, field: string | null) => void;
}

/** Step 3: every column with its suggested target, how sure the suggestion is, and a few values. */
export function MappingStep({ columns, rows, remembered, customFields, onChange }: Props) {
  const samples = useMemo(
    () =>
      columns.map((c) =>
        rows
          .map((r) => (r[c.index] ?? '').trim())
          .filter(Boolean)
          .slice(0, SAMPLE_VALUES),
      ),
    [columns, rows],
  );
  const mapped = columns.filter((c) => c.field).length;
  return (
    <Stack gap="md" data-testid="mapping-step">
      {remembered ? (
        <Alert variant="light" color="teal" icon={<IconHistory size={18} />} data-testid="mapping-remembered">
          These columns were imported before: this is the mapping you used then.
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed" data-testid="mapping-summary">
        {mapped} of {columns.length} columns will be imported. Columns that match no lead field become custom fields; skip the ones you do not need.
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column in the file</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={300}>Import as</Table.Th>
              <Table.Th w={130}>Confidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((column, i) => (
              <MappingRow
                key={column.index}
                column={column}
                samples={samples[i] ?? []}
                mapping={columns}
                customFields={customFields}
                onChange={(field) => onChange(column.index, field)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
