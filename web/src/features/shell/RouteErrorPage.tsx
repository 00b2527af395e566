import { Alert, Button, Center, Code, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { describeError } from '../../api/errors';
import { NotFoundPage } from './NotFoundPage';

/** Rendered by the router when a page throws: the error in words and a way out. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage home="/" />;
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : describeError(error);
  return (
    <Center py={80} px="md">
      <Stack maw={560} w="100%">
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Something broke on this page" role="alert">
          <Code block>{message}</Code>
        </Alert>
        <Button onClick={() => window.location.reload()} variant="light">
          Reload the page
        </Button>
      </Stack>
    </Center>
  );
}
