/** Shapes of the leads API (docs/LEADS.md, "API"). Lead fields keep the API's snake_case names. */

export const STAGES = ['new', 'contacted', 'mql', 'sql', 'opportunity', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

export type CustomValue = string | number | boolean;

export interface Lead {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  company: string | null;
  company_domain: string | null;
  website: string | null;
  phone: string | null;
  phone_type: string | null;
  phone_country: string | null;
  phone_ext: string | null;
  mobile_phone: string | null;
  mobile_phone_type: string | null;
  mobile_phone_country: string | null;
  mobile_phone_ext: string | null;
  linkedin_url: string | null;
  twitter_url: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  country_code: string | null;
  industry: string | null;
  employee_count: number | null;
  annual_revenue: number | null;
  lead_source: string | null;
  stage: Stage;
  tags: string[];
  notes: string | null;
  owner_id: string | null;
  deal_value: number | null;
  closed_at: string | null;
  revenue: number | null;
  custom: Record<string, CustomValue>;
  /** Values stored as given but flagged: field → why. */
  issues: Record<string, string>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LeadSource {
  id: number;
  kind: string;
  ref: string;
  label: string | null;
}

export interface LeadDetail extends Lead {
  provenance: Record<string, { source: LeadSource; at: string }>;
  lists: Array<{ id: string; name: string }>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Note {
  id: string;
  leadId: string;
  body: string;
  author: { userId: string | null; apiKeyId: string | null; name: string | null; email: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface Activity {
  id: string;
  type: string;
  actor: { type: string; userId: string | null; apiKeyId: string | null };
  source: LeadSource | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';

export interface CustomField {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A lead write: absent = unchanged, null = cleared. */
export type LeadPatch = Partial<Record<string, unknown>> & { custom?: Record<string, CustomValue | null> };
