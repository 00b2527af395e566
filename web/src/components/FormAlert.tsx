import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** The form-level error (server answer in plain words), announced to screen readers. */
export function FormAlert({ message, title = 'That did not work' }: { message: string | null | undefined; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert" data-testid="form-error">
      {message}
    </Alert>
  );
}
