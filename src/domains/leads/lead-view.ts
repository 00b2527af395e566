import type { CustomValue } from './custom-values.js';
import type { LeadRow } from './leads.tables.js';
import type { Stage } from './fields.js';
import type { PhoneType } from './normalize-phone.js';
import type { SourceView } from './provenance.js';

/** A lead as the API shows it: canonical snake_case names (DESIGN.md), custom values under `custom`. */
export interface LeadView {
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
  phone_type: PhoneType | null;
  phone_country: string | null;
  phone_ext: string | null;
  mobile_phone: string | null;
  mobile_phone_type: PhoneType | null;
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
  /** field → why its value was kept as given (invalid email, phone, URL, unknown country). */
  issues: Record<string, string>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LeadDetailView extends LeadView {
  /** field → which source last set it, and when. */
  provenance: Record<string, { source: SourceView; at: string }>;
  /** Lists (visible to the caller) the lead is in. */
  lists: { id: string; name: string }[];
}

export function toLeadView(r: LeadRow): LeadView {
  return {
    id: r.id,
    email: r.email,
    first_name: r.firstName,
    last_name: r.lastName,
    full_name: r.fullName,
    title: r.title,
    seniority: r.seniority,
    department: r.department,
    company: r.company,
    company_domain: r.companyDomain,
    website: r.website,
    phone: r.phone,
    phone_type: r.phoneType,
    phone_country: r.phoneCountry,
    phone_ext: r.phoneExt,
    mobile_phone: r.mobilePhone,
    mobile_phone_type: r.mobilePhoneType,
    mobile_phone_country: r.mobilePhoneCountry,
    mobile_phone_ext: r.mobilePhoneExt,
    linkedin_url: r.linkedinUrl,
    twitter_url: r.twitterUrl,
    city: r.city,
    state: r.state,
    country: r.country,
    country_code: r.countryCode,
    industry: r.industry,
    employee_count: r.employeeCount,
    annual_revenue: r.annualRevenue,
    lead_source: r.leadSource,
    stage: r.stage,
    tags: r.tags,
    notes: r.notes,
    owner_id: r.ownerId,
    deal_value: r.dealValue,
    closed_at: r.closedAt?.toISOString() ?? null,
    revenue: r.revenue,
    custom: r.custom,
    issues: r.issues,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    deleted_at: r.deletedAt?.toISOString() ?? null,
  };
}
