import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' }, validate: { email: isEmail('Enter a valid email address') } });
  const mutation = useMutation({
    mutationFn: (email: string) =>
      request<void>('/auth/password-reset/request', { method: 'POST', body: { email }, auth: false, retryOnUnauthorized: false }),
    onError: (e) => setError(applyServerError(form, e)),
  });

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We will email you a link to choose a new password."
      footer={
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      }
    >
      {mutation.isSuccess ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} title="Check your inbox" data-testid="reset-requested">
          If an account exists for {mutation.variables}, it will receive a link to reset the password within a few minutes.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => {
            setError(null);
            mutation.mutate(v.email.trim());
          })}
        >
          <Stack>
            <FormAlert message={error} />
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={mutation.isPending} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
