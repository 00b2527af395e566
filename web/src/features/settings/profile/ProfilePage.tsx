import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_COLORS, ROLE_LABELS } from '../../../lib/roles';
import { useSession } from '../../auth/session';
import { useResendVerification } from '../../auth/verification';
import { ChangePasswordForm } from './ChangePasswordForm';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function ProfilePage() {
  const { user, workspace } = useSession();
  const resend = useResendVerification();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Card withBorder radius="md" p="lg" data-testid="profile-card">
        <Stack>
          <Title order={4}>Profile</Title>
          <Field label="Name">
            <Text>{user.name}</Text>
          </Field>
          <Field label="Email">
            <Group gap="xs">
              <Text>{user.email}</Text>
              <Badge size="sm" variant="light" color={user.emailVerified ? 'teal' : 'yellow'}>
                {user.emailVerified ? 'Verified' : 'Not verified'}
              </Badge>
            </Group>
            {user.emailVerified ? null : (
              <Button size="xs" variant="light" mt="xs" onClick={() => resend.mutate()} loading={resend.isPending}>
                Send verification email again
              </Button>
            )}
          </Field>
          {workspace ? (
            <Field label="Current workspace">
              <Group gap="xs">
                <Text>{workspace.name}</Text>
                <Badge size="sm" variant="light" color={ROLE_COLORS[workspace.role]}>
                  {ROLE_LABELS[workspace.role]}
                </Badge>
              </Group>
            </Field>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder radius="md" p="lg">
        <Stack>
          <Title order={4}>Change password</Title>
          <ChangePasswordForm />
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
