import type { VerifyResult } from '../verify/index.js';
import type { PatternId } from './patterns.js';
import type { DomainSource } from './resolve-domain.js';

export const FIND_STATUSES = ['valid', 'risky', 'not_found'] as const;
export type FindStatus = (typeof FIND_STATUSES)[number];

/**
 * Why the answer is what it is:
 * - valid: `accepted` (the mail server accepted the address and the domain is not catch-all);
 * - risky: `catch_all` (the domain accepts anything), `unverifiable` (the server would not say:
 *   blocked, temporary failures, unreachable), `smtp_skipped` (asked not to probe);
 * - not_found: `all_rejected`, `no_domain`, `domain_not_found`, `no_mail_server`, `dns_error`,
 *   `name_missing`, `below_min_confidence`.
 */
export const FIND_REASONS = [
  'accepted',
  'catch_all',
  'unverifiable',
  'smtp_skipped',
  'all_rejected',
  'no_domain',
  'domain_not_found',
  'no_mail_server',
  'dns_error',
  'name_missing',
  'below_min_confidence',
] as const;
export type FindReason = (typeof FIND_REASONS)[number];

export interface FindResult {
  email: string | null;
  status: FindStatus;
  reason: FindReason;
  /** 0–100, see docs/FINDER.md. */
  confidence: number;
  pattern: PatternId | null;
  domain: string | null;
  domainSource: DomainSource | null;
  /** Addresses tried over SMTP for this person, in order (cache hits excluded). */
  candidatesChecked: string[];
  /** RCPT TO commands spent on this person, including a catch-all probe when one was needed. */
  smtpProbes: number;
  /** The verifier's full answer for the returned address (null when none is returned). */
  verification: VerifyResult | null;
}
