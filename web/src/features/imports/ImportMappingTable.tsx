import { Table, Text } from '@mantine/core';
import { fieldLabel } from './fields';
import type { CustomField, MappedColumn } from './types';

/** The mapping an import ran with: column → field (or skipped). */
export function ImportMappingTable({ mapping, customFields }: { mapping: MappedColumn[]; customFields: CustomField[] }) {
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="import-mapping">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column in the file</Table.Th>
          <Table.Th>Imported as</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {mapping.map((c) => (
          <Table.Tr key={c.index} data-testid="import-mapping-row">
            <Table.Td>{c.header || `Column ${c.index + 1}`}</Table.Td>
            <Table.Td>
              <Text size="sm" c={c.field ? undefined : 'dimmed'}>
                {fieldLabel(c.field, customFields)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
