import { Group, RingProgress, Stack, Text } from '@mantine/core';
import { scoreBand } from '../explain';

/** The 0–100 score as a ring, with what the number means. */
export function ScoreMeter({ score }: { score: number }) {
  const band = scoreBand(score);
  return (
    <Group gap="sm" wrap="nowrap" data-testid="verify-score" data-score={score}>
      <RingProgress
        size={72}
        thickness={7}
        roundCaps
        sections={[{ value: score, color: band.color }]}
        label={
          <Text ta="center" fw={700} size="lg">
            {score}
          </Text>
        }
        aria-label={`Score ${score} out of 100`}
      />
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          Score {score} / 100
        </Text>
        <Text size="sm" c="dimmed" data-testid="verify-score-meaning">
          {band.label}
        </Text>
      </Stack>
    </Group>
  );
}
