import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import type { FieldDef } from './fields';

interface Props {
  fields: FieldDef[];
  columns: string[];
  onChange: (columns: string[]) => void;
  onReset: () => void;
}

/** Which columns the table shows, and in what order (shown ones first, movable up and down). */
export function ColumnChooser({ fields, columns, onChange, onReset }: Props) {
  const shown = columns.map((id) => fields.find((f) => f.id === id)).filter((f): f is FieldDef => !!f);
  const hidden = fields.filter((f) => !columns.includes(f.id));

  const move = (index: number, by: number) => {
    const next = [...columns];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  const toggle = (id: string, on: boolean) => onChange(on ? [...columns, id] : columns.filter((c) => c !== id));

  return (
    <Popover position="bottom-end" shadow="md" width={300} withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="column-chooser-dropdown">
        <ScrollArea.Autosize mah={420}>
          <Stack gap={6}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Shown
            </Text>
            {shown.map((f, i) => (
              <Group key={f.id} justify="space-between" wrap="nowrap">
                <Checkbox label={f.label} checked disabled={shown.length === 1} onChange={() => toggle(f.id, false)} />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${f.label} left`}>
                    <IconArrowUp size={14} />
                  </ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === shown.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${f.label} right`}>
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="xs">
              Hidden
            </Text>
            {hidden.map((f) => (
              <Checkbox key={f.id} label={f.label} checked={false} onChange={() => toggle(f.id, true)} />
            ))}
            <Button variant="subtle" size="xs" onClick={onReset} mt="xs">
              Back to the default columns
            </Button>
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
