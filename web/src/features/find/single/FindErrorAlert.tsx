import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeError } from '../../../api/errors';

/** A failed find in words (bad input, rate limit with its wait, no credits…). */
export function FindErrorAlert({ error }: { error: unknown }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The search did not run" data-testid="find-error">
      {describeError(error)}
    </Alert>
  );
}
