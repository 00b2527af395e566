import { Button, Group, Select, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvitableRole } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/forms';
import { INVITABLE_ROLES, ROLE_DESCRIPTIONS, roleOptions } from '../../../lib/roles';
import { useInviteMember } from '../api';

export function InviteMemberForm() {
  const invite = useInviteMember();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', role: 'member' as InvitableRole },
    validate: { email: isEmail('Enter a valid email address') },
  });

  return (
    <form
      noValidate
      data-testid="invite-form"
      onSubmit={form.onSubmit((v) => {
        setError(null);
        invite.mutate(
          { email: v.email.trim(), role: v.role },
          {
            onSuccess: (inv) => {
              notifications.show({ color: 'teal', title: 'Invitation sent', message: `We emailed an invitation to ${inv.email}.` });
              form.reset();
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        );
      })}
    >
      <FormAlert message={error} title="Could not send the invitation" />
      <Group align="flex-start" mt={error ? 'sm' : 0}>
        <TextInput label="Email" type="email" placeholder="colleague@company.com" style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('email')} />
        <Select
          label="Role"
          w={190}
          data={roleOptions(INVITABLE_ROLES)}
          allowDeselect={false}
          description={ROLE_DESCRIPTIONS[form.values.role]}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('role')}
        />
        <Button type="submit" mt={25} loading={invite.isPending} leftSection={<IconSend size={16} />}>
          Send invitation
        </Button>
      </Group>
    </form>
  );
}
