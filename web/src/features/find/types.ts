import type { VerifyReason, VerifyStatus } from '../verify/types';

export type FindStatus = 'valid' | 'risky' | 'not_found';
export type FindReason =
  | 'accepted'
  | 'catch_all'
  | 'unverifiable'
  | 'smtp_skipped'
  | 'all_rejected'
  | 'no_domain'
  | 'domain_not_found'
  | 'no_mail_server'
  | 'dns_error'
  | 'name_missing'
  | 'below_min_confidence';
export type DomainSource = 'given' | 'website' | 'workspace' | 'guessed';

/** The finder's answer (docs/FINDER.md). */
export interface FindResult {
  email: string | null;
  status: FindStatus;
  reason: FindReason;
  confidence: number;
  pattern: string | null;
  domain: string | null;
  domainSource: DomainSource | null;
  candidatesChecked: string[];
  smtpProbes: number;
  verification: { email: string; status: VerifyStatus; reason: VerifyReason; score: number } | null;
}

export interface SingleFindResult extends FindResult {
  chargedMilli: number;
  charged: number;
}

export interface FindInput {
  firstName?: string;
  lastName?: string;
  fullName?: string;
  domain?: string;
  company?: string;
  website?: string;
  skipSmtp?: boolean;
}

export interface BulkFindRow {
  seq: number;
  ref: string;
  person: { firstName?: string | null; lastName?: string | null; fullName?: string | null; company?: string | null; domain?: string | null; website?: string | null };
  leadId: string | null;
  result: (FindResult & { saved: string | null }) | null;
}

export interface BulkFindPage {
  items: BulkFindRow[];
  nextCursor: number | null;
}
