import { ActionIcon, Button, Group, Menu, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconFolder, IconFolderPlus, IconFolders, IconFolderOff } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { useCan } from '../auth/session';
import { useDeleteFolder, useFolders } from './api';
import { FolderFormModal } from './FolderFormModal';
import type { ListFolder } from './types';

interface Props {
  selected: string | 'none' | null;
  onSelect: (folderId: string | 'none' | null) => void;
}

/** All lists, lists outside any folder, and each folder (rename, delete) as a side navigation. */
export function FolderNav({ selected, onSelect }: Props) {
  const folders = useFolders();
  const canWrite = useCan('member');
  const [creating, createModal] = useDisclosure(false);
  const [renaming, setRenaming] = useState<ListFolder | null>(null);
  const remove = useDeleteFolder();

  const onDelete = (folder: ListFolder) =>
    remove.mutate(folder.id, {
      onSuccess: () => {
        if (selected === folder.id) onSelect(null);
        notifications.show({ color: 'teal', message: `Folder “${folder.name}” deleted; its lists are now outside any folder` });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete the folder', message: describeError(e) }),
    });

  return (
    <Stack gap={2} data-testid="folder-nav" miw={200}>
      <NavLink label="All lists" leftSection={<IconFolders size={16} />} active={selected === null} onClick={() => onSelect(null)} />
      <NavLink label="Not in a folder" leftSection={<IconFolderOff size={16} />} active={selected === 'none'} onClick={() => onSelect('none')} />
      {folders.data?.map((f) => (
        <Group key={f.id} gap={0} wrap="nowrap" data-testid="folder-item" data-folder-name={f.name}>
          <NavLink label={f.name} leftSection={<IconFolder size={16} />} active={selected === f.id} onClick={() => onSelect(f.id)} style={{ flex: 1 }} />
          {canWrite ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`Folder ${f.name} actions`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setRenaming(f)}>Rename</Menu.Item>
                <Menu.Item color="red" onClick={() => onDelete(f)}>
                  Delete folder
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      ))}
      {folders.data?.length === 0 ? (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          No folders yet.
        </Text>
      ) : null}
      {canWrite ? (
        <Button variant="subtle" size="xs" leftSection={<IconFolderPlus size={16} />} onClick={createModal.open} justify="flex-start" mt="xs" data-testid="new-folder">
          New folder
        </Button>
      ) : null}
      {creating ? <FolderFormModal opened onClose={createModal.close} /> : null}
      {renaming ? <FolderFormModal opened folder={renaming} onClose={() => setRenaming(null)} /> : null}
    </Stack>
  );
}
