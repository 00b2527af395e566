import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ImportCounts as Counts } from './types';

const FIGURES: { key: keyof Counts; label: string; color?: string }[] = [
  { key: 'total', label: 'Rows in the file' },
  { key: 'created', label: 'Created', color: 'teal' },
  { key: 'updated', label: 'Updated', color: 'blue' },
  { key: 'skipped', label: 'Skipped (already there)', color: 'gray' },
  { key: 'invalid', label: 'Invalid', color: 'red' },
  { key: 'duplicates', label: 'Duplicates in the file', color: 'orange' },
];

/** created / updated / skipped / invalid / duplicates, each in its own box with a test id. */
export function ImportCounts({ counts }: { counts: Counts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" data-testid="import-counts">
      {FIGURES.map((f) => (
        <Paper key={f.key} withBorder p="xs" radius="md">
          <Text size="xs" c="dimmed">
            {f.label}
          </Text>
          <Text fw={700} size="lg" c={counts[f.key] > 0 ? f.color : undefined} data-testid={`import-count-${f.key}`}>
            {counts[f.key].toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
