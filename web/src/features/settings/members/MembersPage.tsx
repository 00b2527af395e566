import { Card, Stack, Text, Title } from '@mantine/core';
import { useCan } from '../../auth/session';
import { InvitationsTable } from './InvitationsTable';
import { InviteMemberForm } from './InviteMemberForm';
import { MembersTable } from './MembersTable';

export function MembersPage() {
  const isAdmin = useCan('admin');
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" p="lg">
        <Stack>
          <Title order={4}>Members</Title>
          {isAdmin ? null : (
            <Text size="sm" c="dimmed">
              Only admins can invite people or change roles.
            </Text>
          )}
          <MembersTable />
        </Stack>
      </Card>
      {isAdmin ? (
        <Card withBorder radius="md" p="lg">
          <Stack>
            <Title order={4}>Invite people</Title>
            <InviteMemberForm />
            <Title order={5} mt="sm">
              Pending invitations
            </Title>
            <InvitationsTable />
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
