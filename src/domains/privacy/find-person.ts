import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { leads, normalizeEmail, normalizeLinkedinUrl, type LeadRow } from '../leads/index.js';

/** Who a GDPR request is about: an email address, a LinkedIn URL and/or a lead. */
export const personSchema = z.strictObject({
  email: z.string().max(320).optional(),
  linkedinUrl: z.string().max(2048).optional(),
  leadId: z.uuid().optional(),
});
export type PersonInput = z.input<typeof personSchema>;

export interface FoundPerson {
  /** Every lead of the workspace that is this person (deleted ones included). */
  leads: LeadRow[];
  /** Normalized identifiers: the ones given and those of every matching lead. */
  emails: string[];
  linkedinUrls: string[];
}

const normEmail = (v: string) => {
  const r = normalizeEmail(v);
  return r.ok ? r.email : r.email.trim().toLowerCase();
};
const normLinkedin = (v: string) => {
  const r = normalizeLinkedinUrl(v);
  return r.ok ? r.url : v.trim();
};

/** The leads of a person, found by the indexed matching columns (email, LinkedIn URL) or id. */
export async function findPerson(ctx: Ctx, input: PersonInput): Promise<FoundPerson> {
  const q = parseInput(personSchema, input);
  if (!q.email?.trim() && !q.linkedinUrl?.trim() && !q.leadId) {
    throw validationError('Name the person: email, linkedinUrl or leadId', [{ path: 'email', message: 'required' }]);
  }
  const email = q.email?.trim() ? normEmail(q.email) : null;
  const linkedin = q.linkedinUrl?.trim() ? normLinkedin(q.linkedinUrl) : null;
  const emails = new Set<string>(email ? [email] : []);
  const linkedinUrls = new Set<string>(linkedin ? [linkedin] : []);
  const found = new Map<string, LeadRow>();
  // Two rounds: the leads matching what was given, then those sharing an identifier found on
  // them (their LinkedIn URL on a lead found by email, and the other way round).
  for (let round = 0; round < 2; round++) {
    const matches: SQL[] = [];
    if (emails.size) matches.push(inArray(leads.emailNormalized, [...emails]), inArray(sql`lower(${leads.email})`, [...emails]));
    if (linkedinUrls.size) matches.push(inArray(leads.linkedinUrl, [...linkedinUrls]));
    if (q.leadId) matches.push(eq(leads.id, q.leadId));
    const before = emails.size + linkedinUrls.size;
    const rows = await ctx.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, requireWorkspaceId(ctx)), or(...matches)));
    for (const r of rows) {
      found.set(r.id, r);
      if (r.email) emails.add(normEmail(r.email));
      if (r.linkedinUrl) linkedinUrls.add(r.linkedinUrl);
    }
    if (emails.size + linkedinUrls.size === before) break;
  }
  const rows = [...found.values()];
  return { leads: rows, emails: [...emails], linkedinUrls: [...linkedinUrls] };
}

