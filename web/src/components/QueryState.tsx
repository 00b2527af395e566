import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeError } from '../api/errors';

interface Props {
  isPending: boolean;
  error: unknown;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loader while a query is pending, the error in words with a retry button, else the content. */
export function QueryState({ isPending, error, onRetry, children }: Props) {
  if (error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Could not load this" role="alert">
        {describeError(error)}
        {onRetry ? (
          <div>
            <Button size="xs" variant="light" color="red" mt="sm" onClick={onRetry}>
              Try again
            </Button>
          </div>
        ) : null}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  return <>{children}</>;
}
