import { Badge, Table, Text } from '@mantine/core';
import { QueryState } from '../../../components/QueryState';
import { formatDate, formatRelative } from '../../../lib/format';
import { ROLE_COLORS, ROLE_LABELS } from '../../../lib/roles';
import { useInvitations, useMemberNames, useRevokeInvitation } from '../api';
import { ConfirmButton } from '../../../components/ConfirmButton';

export function InvitationsTable() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const nameOf = useMemberNames();

  return (
    <QueryState isPending={invitations.isPending} error={invitations.error} onRetry={() => void invitations.refetch()}>
      {invitations.data?.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-invitations">
          No pending invitations.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="invitations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th w={110} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data?.map((inv) => (
                <Table.Tr key={inv.id} data-testid="invitation-row">
                  <Table.Td>
                    <Text size="sm">{inv.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLORS[inv.role]}>
                      {ROLE_LABELS[inv.role]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{nameOf(inv.invitedBy)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDate(inv.expiresAt)}>
                      {formatRelative(inv.expiresAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ConfirmButton
                      title="Revoke this invitation?"
                      message={`The link sent to ${inv.email} will stop working.`}
                      confirmLabel="Revoke invitation"
                      onConfirm={() => revoke.mutateAsync(inv.id)}
                      aria-label={`Revoke invitation for ${inv.email}`}
                    >
                      Revoke
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}
