import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/forms';
import { useCreateSavedView, type SavedView, type SavedViewInput } from './api';

/** Names the table's current search, filter, list, columns and sort as a saved view. */
export function SaveViewModal({ onClose, view, onSaved }: { onClose: () => void; view: Omit<SavedViewInput, 'name' | 'shared'>; onSaved: (v: SavedView) => void }) {
  const create = useCreateSavedView();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '', shared: false }, validate: { name: (v) => (v.trim() ? null : 'Give the view a name') } });

  const submit = form.onSubmit(async ({ name, shared }) => {
    setError(null);
    try {
      onSaved(await create.mutateAsync({ ...view, name: name.trim(), shared }));
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Save this view" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="View name" required data-autofocus {...form.getInputProps('name')} />
          <Checkbox label="Share with the workspace" description="Otherwise only you see it." {...form.getInputProps('shared', { type: 'checkbox' })} />
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="save-view-submit">
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
