import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, request } from '../../api/client';
import { describeError } from '../../api/errors';
import type { InvitationPreview, WorkspaceRef } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { formatDate } from '../../lib/format';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../lib/roles';
import { AuthLayout } from '../auth/AuthLayout';
import { useAuthActions, useSessionState } from '../auth/session';

/** /invite/:token — what the invitation is for, then accept (signed in) or log in / sign up first. */
export function InvitePage() {
  const { token = '' } = useParams();
  const state = useSessionState();
  const navigate = useNavigate();
  const { switchWorkspace } = useAuthActions();

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      request<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, { signal, auth: false, retryOnUnauthorized: false }),
    retry: false,
  });

  const accept = useMutation({
    mutationFn: async () => {
      const { workspace } = await api.post<{ workspace: WorkspaceRef }>(`/invitations/${encodeURIComponent(token)}/accept`);
      await switchWorkspace(workspace.id);
      return workspace;
    },
    onSuccess: (ws) => {
      notifications.show({ color: 'teal', title: 'Welcome aboard', message: `You joined ${ws.name}.` });
      navigate('/app', { replace: true });
    },
  });

  if (invitation.isPending) {
    return (
      <AuthLayout title="Invitation">
        <Group justify="center" py="md">
          <Loader size="sm" />
        </Group>
      </AuthLayout>
    );
  }

  if (invitation.error) {
    const gone = isApiError(invitation.error) && (invitation.error.status === 410 || invitation.error.status === 404);
    return (
      <AuthLayout title="Invitation" footer={<Anchor component={Link} to="/app">Go to Leadforge</Anchor>}>
        <Alert color="red" variant="light" title={gone ? 'This invitation cannot be used' : 'Could not open the invitation'} role="alert">
          {gone ? 'It has expired, was revoked, or was already accepted. Ask the person who invited you for a new one.' : describeError(invitation.error)}
        </Alert>
      </AuthLayout>
    );
  }

  const inv = invitation.data;
  const here = `/invite/${token}`;
  const signedInAs = state.status === 'signed-in' ? state.session.user.email : null;
  const otherAccount = signedInAs && signedInAs.toLowerCase() !== inv.email.toLowerCase();
  const query = (path: string) => `${path}?next=${encodeURIComponent(here)}&email=${encodeURIComponent(inv.email)}`;

  return (
    <AuthLayout title={`Join ${inv.workspaceName}`} subtitle="You have been invited to a Leadforge workspace.">
      <Stack data-testid="invitation">
        <Alert variant="light" icon={<IconMailForward size={18} />}>
          <Text size="sm">
            <b>{inv.email}</b> is invited to <b>{inv.workspaceName}</b> as <b>{ROLE_LABELS[inv.role]}</b> (
            {ROLE_DESCRIPTIONS[inv.role].toLowerCase()}).
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            The invitation is valid until {formatDate(inv.expiresAt)}.
          </Text>
        </Alert>
        {signedInAs ? (
          <>
            {otherAccount ? (
              <Alert color="yellow" variant="light" title="Different account">
                You are logged in as {signedInAs}, but the invitation was sent to {inv.email}.
              </Alert>
            ) : null}
            <FormAlert message={accept.error ? describeError(accept.error) : null} title="Could not accept the invitation" />
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              Accept and join {inv.workspaceName}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">Log in or create an account to accept. You will come back here.</Text>
            <Group grow>
              <Button component={Link} to={query('/login')}>
                Log in
              </Button>
              <Button component={Link} to={query('/signup')} variant="light">
                Sign up
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
