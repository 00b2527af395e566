import { Alert, Anchor, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { formatCredits } from '../../credits/format';
import { REASON_LABELS, REASON_SENTENCES, STATUS_ADVICE } from '../explain';
import type { SingleVerifyResult } from '../types';
import { VerifyStatusBadge } from '../VerifyStatusBadge';
import { ScoreMeter } from './ScoreMeter';
import { VerifyChecksList } from './VerifyChecksList';

interface Props {
  result: SingleVerifyResult;
  /** Verifies the suggested address instead. */
  onUseSuggestion: (email: string) => void;
}

/** One verification explained: status, why, the score and what it means, a typo fix, every check. */
export function VerifyResultCard({ result, onUseSuggestion }: Props) {
  return (
    <Card withBorder radius="md" p="lg" data-testid="verify-result" data-status={result.status} data-reason={result.reason}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={6}>
            <Group gap="sm">
              <Title order={4} data-testid="verify-result-email" style={{ wordBreak: 'break-all' }}>
                {result.email}
              </Title>
              <VerifyStatusBadge status={result.status} size="lg" />
            </Group>
            <Text fw={500} data-testid="verify-reason" data-reason={result.reason}>
              {REASON_SENTENCES[result.reason]}
            </Text>
            <Text size="sm" c="dimmed" data-testid="verify-advice">
              {REASON_LABELS[result.reason]} · {STATUS_ADVICE[result.status]}
            </Text>
          </Stack>
          <ScoreMeter score={result.score} />
        </Group>
        {result.suggestion ? (
          <Alert color="blue" variant="light" icon={<IconBulb size={18} />} data-testid="verify-suggestion">
            Did you mean{' '}
            <Anchor component="button" type="button" fw={600} onClick={() => onUseSuggestion(result.suggestion!)} data-testid="verify-suggestion-link">
              {result.suggestion}
            </Anchor>
            ? Click it to verify that address instead.
          </Alert>
        ) : null}
        <Divider label="Checks" labelPosition="left" />
        <VerifyChecksList result={result} />
        <Text size="xs" c="dimmed" data-testid="verify-charged">
          {result.chargedMilli > 0 ? `Charged ${formatCredits(result.chargedMilli)} credits.` : 'No credits charged (unknown answers are refunded).'}
        </Text>
      </Stack>
    </Card>
  );
}
