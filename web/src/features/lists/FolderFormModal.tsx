import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useCreateFolder, useRenameFolder } from './api';
import type { ListFolder } from './types';

/** Create a folder, or rename `folder`. */
export function FolderFormModal({ opened, onClose, folder }: { opened: boolean; onClose: () => void; folder?: ListFolder }) {
  const create = useCreateFolder();
  const rename = useRenameFolder();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: folder?.name ?? '' },
    validate: { name: (v) => (v.trim() ? null : 'Give the folder a name') },
  });

  const submit = form.onSubmit(async ({ name }) => {
    setError(null);
    try {
      if (folder) await rename.mutateAsync({ id: folder.id, name: name.trim() });
      else await create.mutateAsync(name.trim());
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={folder ? 'Rename folder' : 'New folder'} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Folder name" required data-autofocus {...form.getInputProps('name')} />
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || rename.isPending} data-testid="folder-form-submit">
              {folder ? 'Rename' : 'Create folder'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
