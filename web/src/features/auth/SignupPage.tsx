import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError, MIN_PASSWORD_LENGTH, passwordRule } from '../../lib/forms';
import { safeNext, withNext } from '../../lib/navigation';
import { AuthLayout } from './AuthLayout';
import { useAuthActions } from './session';

export function SignupPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // Someone signing up to accept an invitation joins that workspace; no need to name their own.
  const joiningByInvite = next?.startsWith('/invite/') ?? false;
  const { register } = useAuthActions();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: params.get('email') ?? '', password: '', workspaceName: '' },
    validate: {
      name: isNotEmpty('Enter your name'),
      email: isEmail('Enter a valid email address'),
      password: passwordRule,
      workspaceName: (v) => (joiningByInvite || v.trim() ? null : 'Name your workspace, e.g. your company or team'),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) =>
      register({
        name: v.name.trim(),
        email: v.email.trim(),
        password: v.password,
        ...(v.workspaceName.trim() ? { workspaceName: v.workspaceName.trim() } : {}),
      }),
    onError: (e) => setError(applyServerError(form, e)),
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle={joiningByInvite ? 'Create an account, then accept your invitation.' : 'Start prospecting in your own workspace.'}
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={withNext('/login', next)}>
            Log in
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
          <FormAlert message={error} title="Could not create your account" />
          <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label="Work email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          {joiningByInvite ? null : (
            <TextInput label="Workspace name" placeholder="Acme sales team" required {...form.getInputProps('workspaceName')} />
          )}
          <Button type="submit" loading={mutation.isPending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
