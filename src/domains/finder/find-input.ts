import { z } from 'zod';

const part = (label: string) => z.string().trim().max(200, `${label} is too long`).optional().nullable();

const personShape = {
  firstName: part('firstName'),
  lastName: part('lastName'),
  fullName: part('fullName'),
  domain: part('domain'),
  website: part('website'),
  company: part('company'),
};

const optionsShape = {
  skipSmtp: z.boolean().optional(),
  /** Answers under this confidence come back as not found (and cost nothing). */
  minConfidence: z.number().int().min(0).max(100).optional(),
};

type PersonFields = { firstName?: string | null; lastName?: string | null; fullName?: string | null; domain?: string | null; website?: string | null; company?: string | null };

function checkPerson(p: PersonFields, ctx: z.RefinementCtx) {
  if (!((p.firstName && p.lastName) || p.fullName)) ctx.addIssue({ code: 'custom', message: 'give firstName and lastName, or fullName', path: ['firstName'] });
  if (!(p.domain || p.website || p.company)) ctx.addIssue({ code: 'custom', message: 'give a domain, a website or a company', path: ['domain'] });
}

/** A person and their company, as bulk rows give them. */
export const personInputSchema = z.strictObject(personShape).superRefine(checkPerson);
/** A bulk row: the fields are checked, but a row without a name or company is a result (not found), not an error. */
export const personRowSchema = z.strictObject(personShape);
/** One person to find, with the options of a single find. */
export const findEmailInput = z.strictObject({ ...personShape, ...optionsShape }).superRefine(checkPerson);
export const findOptionsSchema = z.strictObject(optionsShape);
export type FindEmailInput = z.input<typeof findEmailInput>;
