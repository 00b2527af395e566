import { ActionIcon, Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { describeError } from '../../api/errors';
import { useCan, useSession } from '../auth/session';
import { useArchiveList, useDeleteList } from './api';
import { ListFormModal } from './ListFormModal';
import type { LeadList } from './types';

/** Edit, archive or restore, delete: what a member may do to one list. */
export function ListRowMenu({ list }: { list: LeadList }) {
  const me = useSession().user.id;
  const isAdmin = useCan('admin');
  const [editing, edit] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const archive = useArchiveList();
  const remove = useDeleteList();
  const canDelete = isAdmin || list.createdBy === me;
  const archived = !!list.archivedAt;

  const onArchive = () =>
    archive.mutate(
      { id: list.id, archived: !archived },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `“${list.name}” ${archived ? 'restored' : 'archived'}` }),
        onError: (e) => notifications.show({ color: 'red', title: 'That did not work', message: describeError(e) }),
      },
    );

  const onDelete = () =>
    remove.mutate(list.id, {
      onSuccess: () => {
        confirm.close();
        notifications.show({ color: 'teal', message: `“${list.name}” deleted` });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete the list', message: describeError(e) }),
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${list.name}`} data-testid="list-actions">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPencil size={14} />} onClick={edit.open}>
            Edit
          </Menu.Item>
          <Menu.Item leftSection={archived ? <IconArchiveOff size={14} /> : <IconArchive size={14} />} onClick={onArchive}>
            {archived ? 'Restore' : 'Archive'}
          </Menu.Item>
          {canDelete ? (
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirm.open}>
              Delete
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      {editing ? <ListFormModal opened list={list} onClose={edit.close} /> : null}
      <Modal opened={confirming} onClose={confirm.close} title="Delete this list?" centered>
        <Stack>
          <Text size="sm">
            “{list.name}” goes away for everyone. Its {list.leadCount.toLocaleString()} leads stay in the workspace and in their other lists.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button color="red" onClick={onDelete} loading={remove.isPending} data-testid="confirm-action">
              Delete list
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
