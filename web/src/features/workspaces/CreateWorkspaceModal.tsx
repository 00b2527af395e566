import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useCreateWorkspace } from './api';

export function CreateWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateWorkspace();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '' }, validate: { name: isNotEmpty('Name the workspace') } });

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Create a workspace" centered>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setError(null);
          create.mutate(v.name.trim(), {
            onSuccess: (ws) => {
              notifications.show({ color: 'teal', title: 'Workspace created', message: `You are now in ${ws.name}.` });
              close();
            },
            onError: (e) => setError(applyServerError(form, e)),
          });
        })}
      >
        <Stack>
          <FormAlert message={error} />
          <TextInput label="Workspace name" placeholder="EMEA outbound" data-autofocus required {...form.getInputProps('name')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
