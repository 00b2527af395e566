import { Button, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconActivity, IconFilterOff } from '@tabler/icons-react';

/** No jobs at all, or none that match the filters. */
export function JobsEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <Stack align="center" gap="xs" py={48} data-testid="jobs-empty">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconActivity size={26} />
      </ThemeIcon>
      {filtered ? (
        <>
          <Text fw={600}>No jobs match these filters</Text>
          <Button variant="light" size="xs" leftSection={<IconFilterOff size={14} />} onClick={onClear}>
            Clear filters
          </Button>
        </>
      ) : (
        <>
          <Text fw={600}>No jobs yet</Text>
          <Text size="sm" c="dimmed" maw={440} ta="center">
            Imports, verifications, email finding, enrichment and exports run as jobs. They show up here with their live progress.
          </Text>
        </>
      )}
    </Stack>
  );
}
