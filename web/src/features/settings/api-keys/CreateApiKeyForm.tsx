import { Button, Group, Select, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CreatedApiKey, InvitableRole } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/forms';
import { INVITABLE_ROLES, ROLE_DESCRIPTIONS, roleOptions } from '../../../lib/roles';
import { useCreateApiKey } from '../api';

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', role: 'member' as InvitableRole },
    validate: { name: isNotEmpty('Name the key after what uses it, e.g. "Zapier"') },
  });

  return (
    <form
      noValidate
      data-testid="create-api-key-form"
      onSubmit={form.onSubmit((v) => {
        setError(null);
        create.mutate(
          { name: v.name.trim(), role: v.role },
          {
            onSuccess: (created) => {
              form.reset();
              onCreated(created);
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        );
      })}
    >
      <FormAlert message={error} title="Could not create the key" />
      <Group align="flex-start" mt={error ? 'sm' : 0}>
        <TextInput label="Key name" placeholder="CRM sync script" style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('name')} />
        <Select
          label="Role"
          w={190}
          data={roleOptions(INVITABLE_ROLES)}
          allowDeselect={false}
          description={ROLE_DESCRIPTIONS[form.values.role]}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('role')}
        />
        <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconPlus size={16} />}>
          Create key
        </Button>
      </Group>
    </form>
  );
}
