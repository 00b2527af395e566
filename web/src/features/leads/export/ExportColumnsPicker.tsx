import { ActionIcon, Checkbox, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';

interface Props {
  options: Array<{ id: string; label: string }>;
  value: string[];
  onChange: (columns: string[]) => void;
}

/** The export's columns: picked ones first, in file order (up / down), then the rest. */
export function ExportColumnsPicker({ options, value, onChange }: Props) {
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const rest = options.filter((o) => !value.includes(o.id));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [m] = next.splice(i, 1);
    next.splice(i + by, 0, m!);
    onChange(next);
  };
  return (
    <ScrollArea.Autosize mah={300} type="auto" data-testid="export-columns">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          In the file, in this order
        </Text>
        {value.map((id, i) => (
          <Group key={id} justify="space-between" wrap="nowrap" data-testid="export-column" data-column={id}>
            <Checkbox label={label(id)} checked onChange={() => onChange(value.filter((c) => c !== id))} disabled={value.length === 1} />
            <Group gap={2}>
              <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${label(id)} up`}>
                <IconArrowUp size={14} />
              </ActionIcon>
              <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${label(id)} down`}>
                <IconArrowDown size={14} />
              </ActionIcon>
            </Group>
          </Group>
        ))}
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
          Not exported
        </Text>
        {rest.map((o) => (
          <Checkbox key={o.id} label={o.label} checked={false} onChange={() => onChange([...value, o.id])} />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
