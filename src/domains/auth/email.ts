import { z } from 'zod';

/**
 * An account's email: trimmed and lower-cased before it is validated or stored, so that
 * " Ann@Example.COM " and "ann@example.com" are one account.
 */
export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(254, 'Email is at most 254 characters')
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
