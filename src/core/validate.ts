import type { z } from 'zod';
import { DomainError } from './errors.js';

/** Parses use-case input with a zod schema; bad input becomes a VALIDATION error with the issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw new DomainError('VALIDATION', first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input', { details: issues });
}
