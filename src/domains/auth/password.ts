import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Length is what matters (NIST 800-63B): at least 10 characters, at most 256 so that hashing
 * stays bounded. A string of one repeated character passes a length rule but nothing else.
 */
export const newPasswordSchema = z
  .string({ error: 'Password is required' })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((p) => new Set(p).size > 1, 'Password must not be one character repeated');

/** A password being checked, not set: only bounded, so old passwords still work after a policy change. */
export const presentedPasswordSchema = z
  .string({ error: 'Password is required' })
  .min(1, 'Password is required')
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** Argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): ~30 ms here. */
const ARGON2_OPTIONS: Options = {
  // Algorithm is a const enum, which isolatedModules cannot reference: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, not a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash so that a log-in for an unknown email costs the same
 * time as one with a wrong password: response time does not reveal which emails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('leadforge-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
