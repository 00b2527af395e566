import { Button, Card, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/client';
import { useCan } from '../../auth/session';
import { useVerifyEmail } from '../api';
import { useCountdown } from './useCountdown';
import { VerifyErrorAlert } from '../VerifyErrorAlert';
import { VerifyResultCard } from './VerifyResultCard';

/** Type an address, get the answer explained. Members and up (it spends credits). */
export function VerifyBox() {
  const canVerify = useCan('member');
  const [email, setEmail] = useState('');
  const [skipSmtp, setSkipSmtp] = useState(false);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const waitS = useCountdown(blockedUntil);
  const verify = useVerifyEmail();

  const run = (address: string) => {
    const trimmed = address.trim();
    if (!trimmed) return;
    verify.mutate(
      { email: trimmed, skipSmtp },
      {
        onError: (e) => {
          if (isApiError(e) && e.status === 429) setBlockedUntil(Date.now() + (e.retryAfterS ?? 60) * 1000);
        },
      },
    );
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(email);
  };
  const verifySuggestion = (suggestion: string) => {
    setEmail(suggestion);
    run(suggestion);
  };

  return (
    <Stack gap="md" data-testid="verify-box">
      <Card withBorder radius="md" p="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Group align="flex-end" wrap="wrap" gap="sm">
              <TextInput
                label="Email address"
                placeholder="jane.doe@company.com"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                style={{ flex: 1, minWidth: 260 }}
                data-testid="verify-email-input"
              />
              <Button
                type="submit"
                leftSection={<IconMailCheck size={16} />}
                loading={verify.isPending}
                disabled={!canVerify || !email.trim() || waitS > 0}
                data-testid="verify-submit"
              >
                {waitS > 0 ? `Wait ${waitS} s` : 'Verify'}
              </Button>
            </Group>
            <Checkbox
              label="Skip the mail server check (faster, no SMTP: syntax, domain and address type only)"
              checked={skipSmtp}
              onChange={(e) => setSkipSmtp(e.currentTarget.checked)}
              data-testid="verify-skip-smtp"
            />
            <Text size="xs" c="dimmed">
              {canVerify
                ? 'A definite answer (valid, invalid or risky) costs 0.5 credit by default; unknown answers are refunded.'
                : 'Viewers cannot verify addresses: ask an admin for the member role.'}
            </Text>
          </Stack>
        </form>
      </Card>
      {verify.isError ? <VerifyErrorAlert error={verify.error} waitS={waitS} /> : null}
      {verify.data && !verify.isError ? <VerifyResultCard result={verify.data} onUseSuggestion={verifySuggestion} /> : null}
    </Stack>
  );
}
