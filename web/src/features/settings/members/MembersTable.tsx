import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../api/errors';
import type { Member, Role } from '../../../api/types';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../lib/format';
import { ROLE_COLORS, ROLE_LABELS, roleOptions } from '../../../lib/roles';
import { useRole, useSession } from '../../auth/session';
import { useChangeMemberRole, useMembers, useRemoveMember } from '../api';

export function MembersTable() {
  const members = useMembers();
  return (
    <QueryState isPending={members.isPending} error={members.error} onRetry={() => void members.refetch()}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th w={170}>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data?.map((m) => (
              <MemberRow key={m.userId} member={m} owners={members.data.filter((x) => x.role === 'owner').length} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </QueryState>
  );
}

function MemberRow({ member, owners }: { member: Member; owners: number }) {
  const me = useSession().user.id;
  const myRole = useRole();
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const isMe = member.userId === me;
  const isAdmin = myRole === 'admin' || myRole === 'owner';
  // Only an owner grants or removes the owner role; the last owner stays.
  const lastOwner = member.role === 'owner' && owners <= 1;
  const canEditRole = isAdmin && !lastOwner && (myRole === 'owner' || member.role !== 'owner');
  const canRemove = (isMe || isAdmin) && !lastOwner && (isMe || myRole === 'owner' || member.role !== 'owner');
  const assignable: Role[] = myRole === 'owner' ? ['owner', 'admin', 'member', 'viewer'] : ['admin', 'member', 'viewer'];

  const onRole = (role: string | null) => {
    if (!role || role === member.role) return;
    changeRole.mutate(
      { userId: member.userId, role: role as Role },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `${member.name || member.email} is now ${ROLE_LABELS[role as Role]}` }),
        onError: (e) => notifications.show({ color: 'red', title: 'Could not change the role', message: describeError(e) }),
      },
    );
  };

  return (
    <Table.Tr data-testid="member-row">
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {member.name}
          </Text>
          {isMe ? (
            <Badge size="xs" variant="outline" color="gray">
              You
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{member.email}</Text>
      </Table.Td>
      <Table.Td>
        {canEditRole ? (
          <Select
            size="xs"
            aria-label={`Role of ${member.email}`}
            data={roleOptions(assignable)}
            value={member.role}
            onChange={onRole}
            allowDeselect={false}
            disabled={changeRole.isPending}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <Badge variant="light" color={ROLE_COLORS[member.role]}>
            {ROLE_LABELS[member.role]}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatDate(member.joinedAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {canRemove ? (
          <ConfirmButton
            title={isMe ? 'Leave this workspace?' : `Remove ${member.name || member.email}?`}
            message={
              isMe
                ? 'You will lose access to its leads, lists and jobs until someone invites you again.'
                : `${member.email} will lose access to this workspace immediately.`
            }
            confirmLabel={isMe ? 'Leave workspace' : 'Remove member'}
            onConfirm={() => remove.mutateAsync(member.userId)}
            aria-label={isMe ? 'Leave workspace' : `Remove ${member.email}`}
          >
            {isMe ? 'Leave' : 'Remove'}
          </ConfirmButton>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
