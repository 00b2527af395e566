import { z } from 'zod';
import { CUSTOM_FIELD_TYPES } from './custom-values.js';
import { STAGES } from './fields.js';

/** Response contracts of the leads API (OpenAPI at /docs); they mirror lead-view.ts and friends. */
const str = z.string().nullable();
const num = z.number().nullable();

export const leadViewSchema = z.object({
  id: z.string(),
  email: str, first_name: str, last_name: str, full_name: str, title: str, seniority: str, department: str,
  company: str, company_domain: str, website: str,
  phone: str, phone_type: str, phone_country: str, phone_ext: str,
  mobile_phone: str, mobile_phone_type: str, mobile_phone_country: str, mobile_phone_ext: str,
  linkedin_url: str, twitter_url: str, city: str, state: str, country: str, country_code: str, industry: str,
  employee_count: num, annual_revenue: num, lead_source: str, stage: z.enum(STAGES), tags: z.array(z.string()), notes: str,
  owner_id: str, deal_value: num, closed_at: str, revenue: num,
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  issues: z.record(z.string(), z.string()),
  created_at: z.string(), updated_at: z.string(), deleted_at: str,
});

const sourceViewSchema = z.object({ id: z.number(), kind: z.string(), ref: z.string(), label: str });

export const leadDetailViewSchema = leadViewSchema.extend({
  provenance: z.record(z.string(), z.object({ source: sourceViewSchema, at: z.string() })),
  lists: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const leadPageSchema = z.object({ items: z.array(leadViewSchema), nextCursor: str });

export const noteViewSchema = z.object({
  id: z.string(),
  leadId: z.string(),
  body: z.string(),
  author: z.object({ userId: str, apiKeyId: str, name: str, email: str }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const notePageSchema = z.object({ items: z.array(noteViewSchema), nextCursor: str });

export const activityViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  actor: z.object({ type: z.string(), userId: str, apiKeyId: str }),
  source: sourceViewSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export const activityPageSchema = z.object({ items: z.array(activityViewSchema), nextCursor: str });

export const customFieldViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  description: str,
  createdAt: z.string(),
  updatedAt: z.string(),
});
