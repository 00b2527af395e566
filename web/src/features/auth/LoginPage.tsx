import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { safeNext, withNext } from '../../lib/navigation';
import { AuthLayout } from './AuthLayout';
import { useAuthActions } from './session';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { login } = useAuthActions();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: { email: isEmail('Enter a valid email address'), password: isNotEmpty('Enter your password') },
  });
  // On success the session changes and PublicOnly sends the user on to `next` or the app.
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) => login(v.email.trim(), v.password),
    onError: (e) => setError(applyServerError(form, e)),
  });

  return (
    <AuthLayout
      title="Log in"
      subtitle="Welcome back. Log in to your workspace."
      footer={
        <>
          New to Leadforge?{' '}
          <Anchor component={Link} to={withNext('/signup', next)}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setError(null);
          mutation.mutate(v);
        })}
      >
        <Stack>
          <FormAlert message={error} title="Could not log in" />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
