import { Badge, Card, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';

interface Props {
  title: string;
  icon: TablerIcon;
  summary: string;
  highlights: string[];
}

/** Placeholder for a feature that is not built yet: says what it will do. */
export function ComingSoon({ title, icon: Icon, summary, highlights }: Props) {
  return (
    <Stack data-testid="coming-soon">
      <PageHeader title={title} description={summary} />
      <Card withBorder radius="md" p="xl" maw={640}>
        <Group align="flex-start" wrap="nowrap" gap="lg">
          <ThemeIcon size={48} radius="md" variant="light">
            <Icon size={28} />
          </ThemeIcon>
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={600}>{title} is coming soon</Text>
              <Badge variant="light" color="gray">
                In progress
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              This part of Leadforge is being built. It will let you:
            </Text>
            <List size="sm" spacing={4}>
              {highlights.map((h) => (
                <List.Item key={h}>{h}</List.Item>
              ))}
            </List>
          </Stack>
        </Group>
      </Card>
    </Stack>
  );
}
