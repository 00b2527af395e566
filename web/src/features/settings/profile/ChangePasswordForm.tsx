import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { isNotEmpty, matchesField, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError, MIN_PASSWORD_LENGTH, passwordRule } from '../../../lib/forms';

export function ChangePasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: isNotEmpty('Enter your current password'),
      newPassword: (v, values) => passwordRule(v) ?? (v === values.currentPassword ? 'Choose a password different from the current one' : null),
      confirmPassword: matchesField('newPassword', 'The passwords do not match'),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<void>('/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'teal', title: 'Password changed', message: 'Your other sessions were signed out.' });
    },
    onError: (e) => setError(applyServerError(form, e)),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setError(null);
        mutation.mutate(v);
      })}
    >
      <Stack>
        <FormAlert message={error} title="Could not change the password" />
        <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
