import { Alert, Button, Group, Text } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useResendVerification } from '../auth/verification';

/** Asks the user to confirm their email address until they have. */
export function VerifyEmailBanner() {
  const { user } = useSession();
  const resend = useResendVerification();
  const [hidden, setHidden] = useState(false);
  if (user.emailVerified || hidden) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconMailCheck size={18} />}
      mb="lg"
      withCloseButton
      closeButtonLabel="Hide for now"
      onClose={() => setHidden(true)}
      data-testid="verify-email-banner"
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          Please verify your email address: we sent a link to <b>{user.email}</b>.
        </Text>
        <Button size="xs" variant="white" color="yellow" onClick={() => resend.mutate()} loading={resend.isPending} disabled={resend.isSuccess}>
          {resend.isSuccess ? 'Email sent' : 'Resend email'}
        </Button>
      </Group>
    </Alert>
  );
}
