import { Alert, Button, Center, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { restoreSession } from './api/client';
import { describeError } from './api/errors';
import { FullPageLoader } from './components/FullPageLoader';
import { useSessionState } from './features/auth/session';
import { createAppRouter } from './router';

// Started once per page load (not per render or per effect run): refresh tokens are single-use.
let restoring: Promise<void> | null = null;
const restoreOnce = () => (restoring ??= restoreSession().catch((e: unknown) => {
  restoring = null;
  throw e;
}));

/** Restores the session from the refresh cookie, then hands over to the router. */
export function App() {
  const state = useSessionState();
  const [error, setError] = useState<unknown>(null);
  const router = useMemo(createAppRouter, []);

  const restore = () => {
    setError(null);
    restoreOnce().catch(setError);
  };
  useEffect(restore, []);

  if (error) {
    return (
      <Center h="100vh" px="md">
        <Stack maw={480}>
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Leadforge is not reachable" role="alert">
            {describeError(error)}
          </Alert>
          <Button onClick={restore}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (state.status === 'restoring') return <FullPageLoader label="Restoring your session" />;
  return <RouterProvider router={router} />;
}
