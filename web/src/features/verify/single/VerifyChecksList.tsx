import { Code, Group, List, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import type { VerifyResult } from '../types';
import { describeChecks, type CheckTone } from './describe-checks';

const TONE_ICON: Record<CheckTone, { color: string; icon: typeof IconCheck; word: string }> = {
  good: { color: 'teal', icon: IconCheck, word: 'passed' },
  bad: { color: 'red', icon: IconX, word: 'failed' },
  warn: { color: 'orange', icon: IconAlertTriangle, word: 'warning' },
  neutral: { color: 'gray', icon: IconMinus, word: 'information' },
};

/** Every check the verifier made, one row each; the MX records listed in the order they are tried. */
export function VerifyChecksList({ result }: { result: VerifyResult }) {
  return (
    <Table verticalSpacing={6} data-testid="verify-checks">
      <Table.Tbody>
        {describeChecks(result).map((line) => {
          const tone = TONE_ICON[line.tone];
          const Icon = tone.icon;
          return (
            <Table.Tr key={line.key} data-testid={`verify-check-${line.key}`} data-tone={line.tone}>
              <Table.Td w={36}>
                <ThemeIcon size="sm" radius="xl" variant="light" color={tone.color} aria-label={tone.word}>
                  <Icon size={14} />
                </ThemeIcon>
              </Table.Td>
              <Table.Td w={140}>
                <Text size="sm" fw={500}>
                  {line.label}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Text size="sm">{line.text}</Text>
                  {line.key === 'mx' && result.checks.mx.length > 0 ? <MxList mx={result.checks.mx} /> : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function MxList({ mx }: { mx: VerifyResult['checks']['mx'] }) {
  return (
    <List type="ordered" size="xs" spacing={2} data-testid="verify-mx-list">
      {mx.map((r) => (
        <List.Item key={`${r.priority}-${r.exchange}`}>
          <Group gap={6} wrap="nowrap">
            <Code fz="xs">{r.exchange || '(null MX: "no mail here")'}</Code>
            <Text size="xs" c="dimmed">
              priority {r.priority}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
