import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { matchesField, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { request, setSession } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError, MIN_PASSWORD_LENGTH, passwordRule } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { newPassword: '', confirmPassword: '' },
    validate: { newPassword: passwordRule, confirmPassword: matchesField('newPassword', 'The passwords do not match') },
  });
  const mutation = useMutation({
    mutationFn: (newPassword: string) =>
      request<void>('/auth/password-reset/confirm', { method: 'POST', body: { token, newPassword }, auth: false, retryOnUnauthorized: false }),
    onSuccess: () => {
      // The server signs every session out after a reset.
      setSession(null, 'logout');
      notifications.show({ color: 'teal', title: 'Password changed', message: 'Log in with your new password.' });
      navigate('/login', { replace: true });
    },
    onError: (e) => setError(applyServerError(form, e)),
  });

  const footer = (
    <Anchor component={Link} to="/login">
      Back to log in
    </Anchor>
  );

  if (!token) {
    return (
      <AuthLayout title="Choose a new password" footer={footer}>
        <Alert color="red" variant="light" title="This link is incomplete">
          Open the link from the email again, or{' '}
          <Anchor component={Link} to="/forgot-password">
            ask for a new one
          </Anchor>
          .
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password" subtitle="You will be signed out everywhere else." footer={footer}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setError(null);
          mutation.mutate(v.newPassword);
        })}
      >
        <Stack>
          <FormAlert message={error} title="Could not change the password" />
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
