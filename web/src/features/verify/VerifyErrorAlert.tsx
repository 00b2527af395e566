import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertCircle, IconClockPause, IconCoin } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/errors';

/**
 * A failed verification in words: bad input, the rate limit (with the wait the server asked
 * for, counted down by the caller), an empty credit balance (with the way to more credits).
 */
export function VerifyErrorAlert({ error, waitS }: { error: unknown; waitS: number }) {
  if (isApiError(error) && error.status === 429) {
    return (
      <Alert color="yellow" variant="light" icon={<IconClockPause size={18} />} title="Too many verifications" data-testid="verify-error" data-code="RATE_LIMITED">
        {waitS > 0 ? `Your workspace hit its limit. You can verify again in ${waitS} s.` : 'You can verify again now.'}
      </Alert>
    );
  }
  if (isApiError(error) && (error.status === 402 || error.code === 'INSUFFICIENT_CREDITS')) {
    return (
      <Alert color="orange" variant="light" icon={<IconCoin size={18} />} title="Not enough credits" data-testid="verify-error" data-code="INSUFFICIENT_CREDITS">
        <Text size="sm">{error.message}</Text>
        <Anchor component={Link} to="/app/credits" size="sm">
          See your credits
        </Anchor>
      </Alert>
    );
  }
  const invalid = isApiError(error) && (error.status === 400 || error.code === 'VALIDATION');
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={invalid ? 'Check the address' : 'The verification did not run'}
      data-testid="verify-error"
      data-code={isApiError(error) ? error.code : 'ERROR'}
    >
      {describeError(error)}
    </Alert>
  );
}
