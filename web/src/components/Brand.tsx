import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';

/** The logo; `compact` hides the word on phones, keeping the icon. */
export function Brand({ size = 'md', compact = false }: { size?: 'sm' | 'md' | 'lg'; compact?: boolean }) {
  const icon = size === 'lg' ? 36 : 28;
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={icon} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}>
        <IconTargetArrow size={icon * 0.62} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 24 : 18} lh={1} visibleFrom={compact ? 'sm' : undefined}>
        Leadforge
      </Text>
    </Group>
  );
}
