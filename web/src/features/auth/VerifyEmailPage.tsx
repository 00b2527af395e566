import { Alert, Anchor, Button, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { patchSessionUser, request } from '../../api/client';
import { describeError } from '../../api/errors';
import { AuthLayout } from './AuthLayout';
import { useSessionState } from './session';
import { useResendVerification } from './verification';

type Status = { kind: 'verifying' } | { kind: 'verified' } | { kind: 'failed'; message: string };

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const signedIn = useSessionState().status === 'signed-in';
  const resend = useResendVerification();
  const [status, setStatus] = useState<Status>(token ? { kind: 'verifying' } : { kind: 'failed', message: 'This link is incomplete. Open the link from the email again.' });
  // Tokens are single-use: confirm once even when React runs effects twice in development.
  const sent = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sent.current === token) return;
    sent.current = token;
    request<void>('/auth/verify-email/confirm', { method: 'POST', body: { token }, auth: false, retryOnUnauthorized: false })
      .then(() => {
        patchSessionUser({ emailVerified: true });
        setStatus({ kind: 'verified' });
      })
      .catch((e: unknown) => setStatus({ kind: 'failed', message: describeError(e) }));
  }, [token]);

  return (
    <AuthLayout title="Verify your email">
      {status.kind === 'verifying' ? (
        <Stack align="center" py="md">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Checking your link…
          </Text>
        </Stack>
      ) : status.kind === 'verified' ? (
        <Stack>
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Email verified" data-testid="email-verified">
            Thank you, your email address is confirmed.
          </Alert>
          <Button component={Link} to={signedIn ? '/app' : '/login'}>
            {signedIn ? 'Continue to Leadforge' : 'Log in'}
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Alert color="red" variant="light" title="Could not verify your email" role="alert">
            {status.message}
          </Alert>
          {signedIn ? (
            <Button variant="light" onClick={() => resend.mutate()} loading={resend.isPending}>
              Send a new link
            </Button>
          ) : (
            <Text size="sm">
              <Anchor component={Link} to="/login?next=/app">
                Log in
              </Anchor>{' '}
              to ask for a new link.
            </Text>
          )}
        </Stack>
      )}
    </AuthLayout>
  );
}
