import { Alert, Anchor, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isVerifyRunning } from './api';
import type { ImportRecord } from './types';

const STATUSES = [
  { key: 'valid', label: 'Valid', color: 'teal' },
  { key: 'invalid', label: 'Invalid', color: 'red' },
  { key: 'risky', label: 'Risky', color: 'orange' },
  { key: 'unknown', label: 'Unknown', color: 'gray' },
] as const;

/** The email verification that ran after the import (option "Verify emails after import"): progress, then counts by status. */
export function ImportVerifySummary({ record }: { record: ImportRecord }) {
  const verify = record.verify;
  if (!verify) return null;
  if (verify.error) {
    return (
      <Alert color="orange" variant="light" title="The emails were not verified" data-testid="import-verify-error">
        {verify.error}
      </Alert>
    );
  }
  const running = isVerifyRunning(record);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="import-verify" data-status={verify.status ?? 'queued'}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <IconMailCheck size={18} />
            <Text fw={600}>Email verification</Text>
            <Text size="sm" c="dimmed">
              {running
                ? `${verify.processed.toLocaleString()} of ${verify.total.toLocaleString()} addresses checked…`
                : `${verify.total.toLocaleString()} addresses checked, statuses written to the leads`}
            </Text>
          </Group>
          {verify.jobId ? (
            <Anchor component={Link} to={`/app/verify?job=${verify.jobId}`} size="sm" data-testid="import-verify-open">
              Results
            </Anchor>
          ) : null}
        </Group>
        {running ? <Progress value={verify.percent} animated data-testid="import-verify-progress" /> : null}
        <Group gap="lg">
          {STATUSES.map((s) => (
            <Text key={s.key} size="sm">
              {s.label}:{' '}
              <Text span fw={700} c={verify.counts[s.key] > 0 ? s.color : undefined} data-testid={`import-verify-${s.key}`}>
                {verify.counts[s.key].toLocaleString()}
              </Text>
            </Text>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
