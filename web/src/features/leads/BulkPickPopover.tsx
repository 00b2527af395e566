import { Button, Group, Popover, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';

interface Props {
  label: string;
  icon?: ReactNode;
  /** The input, given the picked value and its setter. */
  children: (value: string | null, setValue: (v: string | null) => void) => ReactNode;
  applyLabel: string;
  onApply: (value: string) => Promise<unknown>;
  testId: string;
}

/** A bulk-bar button that asks for one value (a tag, a list, a stage…) and then applies it. */
export function BulkPickPopover({ label, icon, children, applyLabel, onApply, testId }: Props) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    if (!value) return;
    setBusy(true);
    try {
      await onApply(value);
      setOpened(false);
      setValue(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="top" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="light" size="xs" leftSection={icon} onClick={() => setOpened((o) => !o)} data-testid={testId}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <Stack gap="xs" w={260}>
            {children(value, setValue)}
            <Group justify="flex-end">
              <Button type="submit" size="xs" disabled={!value} loading={busy} data-testid={`${testId}-apply`}>
                {applyLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
