import { z } from 'zod';
import { LIMITS, STAGES } from './fields.js';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullable().optional();
const amount = z.number().min(0, 'must not be negative').max(LIMITS.amount, `must be at most ${LIMITS.amount}`).nullable().optional();
const dateTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO date (YYYY-MM-DD) or date-time' })
  .nullable()
  .optional();

const unknownFields = (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys'
    ? `Unknown field${iss.keys!.length > 1 ? 's' : ''}: ${iss.keys!.join(', ')} (custom fields go under "custom")`
    : undefined;

/** Fields of a lead write (create or PATCH), by canonical name. Absent = unchanged, null = cleared. */
export const leadFieldsShape = {
  email: text(LIMITS.email),
  first_name: text(LIMITS.name),
  last_name: text(LIMITS.name),
  full_name: text(LIMITS.name * 2),
  title: text(LIMITS.text),
  seniority: text(LIMITS.text),
  department: text(LIMITS.text),
  company: text(LIMITS.text),
  company_domain: text(LIMITS.text),
  website: text(LIMITS.url),
  phone: text(LIMITS.phone),
  mobile_phone: text(LIMITS.phone),
  linkedin_url: text(LIMITS.url),
  twitter_url: text(LIMITS.url),
  city: text(LIMITS.text),
  state: text(LIMITS.text),
  country: text(LIMITS.text),
  industry: text(LIMITS.text),
  employee_count: z.number().int('must be a whole number').min(0).max(LIMITS.employees).nullable().optional(),
  annual_revenue: amount,
  lead_source: text(LIMITS.text),
  stage: z.enum(STAGES).optional(),
  tags: z.array(z.string().max(LIMITS.tag, `a tag is at most ${LIMITS.tag} characters`)).max(LIMITS.tags, `at most ${LIMITS.tags} tags`).optional(),
  notes: text(LIMITS.notes),
  owner_id: z.uuid().nullable().optional(),
  deal_value: amount,
  closed_at: dateTime,
  revenue: amount,
  custom: z
    .record(z.string().max(63), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .refine((r) => Object.keys(r).length <= LIMITS.customFields, `at most ${LIMITS.customFields} custom values`)
    .optional(),
};

export const leadPatchSchema = z.strictObject(leadFieldsShape, { error: unknownFields });
export type LeadPatch = z.output<typeof leadPatchSchema>;

export const createLeadSchema = z.strictObject(
  { ...leadFieldsShape, list_ids: z.array(z.uuid()).max(50, 'at most 50 lists').optional() },
  { error: unknownFields },
);
export type CreateLeadInput = z.output<typeof createLeadSchema>;
