import { Table, Text } from '@mantine/core';

const SHOWN_ROWS = 10;

/** The first rows of the file as the server read them (multi-line cells keep their line breaks). */
export function PreviewTable({ headers, rows }: { headers: string[]; rows: string[][] }) {
  return (
    <Table.ScrollContainer minWidth={Math.min(1600, headers.length * 140)} maxHeight={420}>
      <Table striped withTableBorder withColumnBorders stickyHeader verticalSpacing={4} fz="xs" data-testid="preview-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            {headers.map((h, i) => (
              <Table.Th key={i} data-testid="preview-header">
                {h || <Text span c="dimmed" fz="xs">{`Column ${i + 1}`}</Text>}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, SHOWN_ROWS).map((row, r) => (
            <Table.Tr key={r} data-testid="preview-row">
              <Table.Td c="dimmed">{r + 1}</Table.Td>
              {headers.map((_, i) => (
                <Table.Td key={i} style={{ whiteSpace: 'pre-line', maxWidth: 260, overflowWrap: 'anywhere' }}>
                  {row[i] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
