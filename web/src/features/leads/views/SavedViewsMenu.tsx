import { Badge, Button, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconTrash, IconUsers } from '@tabler/icons-react';
import { describeError } from '../../../api/errors';
import { useCan } from '../../auth/session';
import { useDeleteSavedView, useSavedViews, type SavedView, type SavedViewInput } from './api';
import { SaveViewModal } from './SaveViewModal';

interface Props {
  activeId: string | null;
  /** The table's current state, as a view would store it. */
  current: Omit<SavedViewInput, 'name' | 'shared'>;
  onSelect: (view: SavedView | null) => void;
}

/** Saved views: pick one (its filter applies on the server and its columns show), save the current one, delete. */
export function SavedViewsMenu({ activeId, current, onSelect }: Props) {
  const views = useSavedViews();
  const remove = useDeleteSavedView();
  const isAdmin = useCan('admin');
  const [saving, save] = useDisclosure(false);
  const active = views.data?.find((v) => v.id === activeId) ?? null;

  const onDelete = (v: SavedView) =>
    remove.mutate(v.id, {
      onSuccess: () => {
        if (v.id === activeId) onSelect(null);
        notifications.show({ color: 'teal', message: `View “${v.name}” deleted` });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete the view', message: describeError(e) }),
    });

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button variant={active ? 'light' : 'default'} leftSection={<IconBookmark size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="saved-views">
            {active ? active.name : 'Views'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="saved-views-menu">
          <Menu.Label>Saved views</Menu.Label>
          {views.data?.length === 0 ? <Menu.Item disabled>No saved views yet</Menu.Item> : null}
          {views.data?.map((v) => (
            <Menu.Item key={v.id} onClick={() => onSelect(v)} rightSection={v.shared ? <Badge size="xs" variant="light" leftSection={<IconUsers size={10} />}>shared</Badge> : null} data-testid="saved-view">
              {v.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {active ? <Menu.Item onClick={() => onSelect(null)}>Back to all leads</Menu.Item> : null}
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={save.open} data-testid="save-view">
            Save current view…
          </Menu.Item>
          {active && (active.mine || isAdmin) ? (
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onDelete(active)}>
              Delete “{active.name}”
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      {saving ? <SaveViewModal onClose={save.close} view={current} onSaved={onSelect} /> : null}
    </>
  );
}
