import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useCreateLead } from './api';
import type { LeadDetail } from './types';

const FIELDS = [
  ['email', 'Email'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['company', 'Company'],
  ['title', 'Title'],
  ['phone', 'Phone'],
] as const;

type Values = Record<(typeof FIELDS)[number][0], string>;

/** A lead typed by hand (in `listId` when the table shows a list); other fields in its drawer. */
export function CreateLeadModal({ onClose, listId, onCreated }: { onClose: () => void; listId?: string | null; onCreated: (lead: LeadDetail) => void }) {
  const create = useCreateLead();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: { email: '', first_name: '', last_name: '', company: '', title: '', phone: '' } });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x.trim() !== ''));
    if (Object.keys(body).length === 0) return setError('Fill in at least one field.');
    try {
      const lead = await create.mutateAsync({ ...body, ...(listId ? { list_ids: [listId] } : {}) });
      onCreated(lead);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  });

  return (
    <Modal opened onClose={onClose} title="New lead" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={2}>
            {FIELDS.map(([name, label]) => (
              <TextInput key={name} label={label} {...form.getInputProps(name)} data-autofocus={name === 'email' || undefined} />
            ))}
          </SimpleGrid>
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="create-lead-submit">
              Create lead
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
