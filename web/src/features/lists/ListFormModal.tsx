import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useCan, useSession } from '../auth/session';
import { useMembers } from '../settings/api';
import { useCreateList, useFolders, useUpdateList } from './api';
import type { LeadList, ListVisibility } from './types';

interface Values extends Record<string, unknown> {
  name: string;
  description: string;
  folderId: string | null;
  tags: string[];
  visibility: ListVisibility;
  memberIds: string[];
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The list to edit; absent: create one (in `defaultFolderId`). */
  list?: LeadList;
  defaultFolderId?: string | null;
  onSaved?: (list: LeadList) => void;
}

/** Create or edit a list: name, description, folder, tags and who may see it. */
export function ListFormModal({ opened, onClose, list, defaultFolderId = null, onSaved }: Props) {
  const me = useSession().user.id;
  const isAdmin = useCan('admin');
  const folders = useFolders();
  const members = useMembers();
  const create = useCreateList();
  const update = useUpdateList();
  const [error, setError] = useState<string | null>(null);
  // The server lets only the creator and admins change who sees a list.
  const canChangeAccess = !list || isAdmin || list.createdBy === me;

  const form = useForm<Values>({
    initialValues: {
      name: list?.name ?? '',
      description: list?.description ?? '',
      folderId: list ? list.folderId : defaultFolderId,
      tags: list?.tags ?? [],
      visibility: list?.visibility ?? 'workspace',
      memberIds: list?.memberIds ?? [],
    },
    validate: { name: (v) => (v.trim() ? null : 'Give the list a name') },
  });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    const body = {
      name: v.name.trim(),
      description: v.description.trim() || null,
      folderId: v.folderId,
      tags: v.tags,
      ...(canChangeAccess ? { visibility: v.visibility, memberIds: v.visibility === 'private' ? v.memberIds : [] } : {}),
    };
    try {
      const saved = list ? await update.mutateAsync({ id: list.id, ...body }) : await create.mutateAsync(body);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  });

  const memberOptions = (members.data ?? []).filter((m) => m.userId !== me).map((m) => ({ value: m.userId, label: m.name || m.email }));

  return (
    <Modal opened={opened} onClose={onClose} title={list ? 'Edit list' : 'New list'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          <Select
            label="Folder"
            placeholder="No folder"
            clearable
            data={(folders.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
            {...form.getInputProps('folderId')}
          />
          <TagsInput label="Tags" placeholder="Type and press Enter" {...form.getInputProps('tags')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Who can see it
            </Text>
            <SegmentedControl
              aria-label="Visibility"
              disabled={!canChangeAccess}
              data={[
                { value: 'workspace', label: 'Everyone in the workspace' },
                { value: 'private', label: 'Only chosen members' },
              ]}
              {...form.getInputProps('visibility')}
            />
            {!canChangeAccess ? (
              <Text size="xs" c="dimmed">
                Only the list's creator and admins change who can see it.
              </Text>
            ) : null}
          </Stack>
          {form.values.visibility === 'private' ? (
            <MultiSelect
              label="Members who can see it"
              description="You and the workspace admins always can."
              placeholder="Choose members"
              searchable
              disabled={!canChangeAccess}
              data={memberOptions}
              {...form.getInputProps('memberIds')}
            />
          ) : null}
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="list-form-submit">
              {list ? 'Save' : 'Create list'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
