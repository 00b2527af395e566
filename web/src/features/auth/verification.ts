import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { describeError } from '../../api/errors';

/** Sends the email-verification mail again to the signed-in user. */
export function useResendVerification() {
  return useMutation({
    mutationFn: () => api.post<void>('/auth/verify-email/request'),
    onSuccess: () => notifications.show({ color: 'teal', title: 'Email sent', message: 'Check your inbox for the verification link.' }),
    onError: (e) => notifications.show({ color: 'red', title: 'Could not send the email', message: describeError(e) }),
  });
}
