/** Shapes of the verify API (docs/VERIFY.md): the verification contract and the bulk results. */

export const VERIFY_STATUSES = ['valid', 'invalid', 'risky', 'unknown'] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** In the server's order of priority (the first that applies is reported). */
export const VERIFY_REASONS = [
  'invalid_syntax',
  'domain_not_found',
  'no_mail_server',
  'disposable',
  'mailbox_not_found',
  'mailbox_disabled',
  'role_account',
  'mailbox_full',
  'catch_all',
  'blocked',
  'smtp_tempfail',
  'smtp_unreachable',
  'smtp_skipped',
  'accepted',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

export type SmtpCheck = 'accepted' | 'rejected' | 'disabled' | 'full' | 'blocked' | 'tempfail' | 'unreachable' | 'skipped' | 'not_probed';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface VerifyChecks {
  syntax: boolean;
  domain: boolean | null;
  mx: MxRecord[];
  smtp: SmtpCheck;
  catchAll: boolean | null;
  disposable: boolean;
  role: boolean;
  free: boolean;
  gibberish: boolean;
  provider: string | null;
}

export interface VerifyResult {
  email: string;
  status: VerifyStatus;
  reason: VerifyReason;
  score: number;
  suggestion: string | null;
  checks: VerifyChecks;
}

/** POST /verify: the contract plus what it cost. */
export interface SingleVerifyResult extends VerifyResult {
  chargedMilli: number;
  charged: number;
}

export interface BulkResultRow {
  seq: number;
  input: string;
  /** The lead behind the address (list / filter sources). */
  leadId?: string | null;
  result: VerifyResult | null;
}

export interface BulkResultsPage {
  items: BulkResultRow[];
  nextCursor: number | null;
}

export const VERIFY_BULK_KIND = 'verify.bulk';

export interface BulkCounts {
  byStatus: Record<VerifyStatus, number>;
  byReason: Partial<Record<VerifyReason, number>>;
}

/** GET /verify/bulk/:jobId. */
export interface BulkSummary {
  counts: BulkCounts;
  options: { source: string | null; skipSmtp: boolean; writeToLeads: boolean };
  charged: { milli: number; credits: number };
}

export interface BulkOptions {
  skipSmtp: boolean;
  /** Absent: the server's default (on for leads of a list, off otherwise). */
  writeToLeads?: boolean;
}
