import type { UseFormReturnType } from '@mantine/form';
import { describeError, fieldErrors } from '../api/errors';

/**
 * Puts a server error where the user will see it: validation issues onto their fields, anything
 * else into the returned message (for a FormAlert). Returns null when every issue found a field.
 */
export function applyServerError<V extends Record<string, unknown>>(form: UseFormReturnType<V>, error: unknown): string | null {
  const errors = fieldErrors(error, Object.keys(form.getValues()));
  if (Object.keys(errors).length > 0) {
    form.setErrors(errors);
    return null;
  }
  return describeError(error);
}

export const MIN_PASSWORD_LENGTH = 10;

export const passwordRule = (value: string) =>
  value.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters`;
