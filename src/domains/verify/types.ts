/** The verification contract (docs/VERIFY.md, DESIGN.md "Email verification contract"). */
export const VERIFY_STATUSES = ['valid', 'invalid', 'risky', 'unknown'] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** Every reason, in the order of priority: when several apply, the first one is reported. */
export const REASON_PRIORITY = [
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
export type VerifyReason = (typeof REASON_PRIORITY)[number];

/** The status each reason stands for. */
export const STATUS_OF: Record<VerifyReason, VerifyStatus> = {
  invalid_syntax: 'invalid',
  domain_not_found: 'invalid',
  no_mail_server: 'invalid',
  disposable: 'risky',
  mailbox_not_found: 'invalid',
  mailbox_disabled: 'invalid',
  role_account: 'risky',
  mailbox_full: 'risky',
  catch_all: 'risky',
  blocked: 'unknown',
  smtp_tempfail: 'unknown',
  smtp_unreachable: 'unknown',
  smtp_skipped: 'unknown',
  accepted: 'valid',
};

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** What the verifier learnt about the SMTP side of one address. */
export type SmtpCheck = 'accepted' | 'rejected' | 'disabled' | 'full' | 'blocked' | 'tempfail' | 'unreachable' | 'skipped' | 'not_probed';

export interface VerifyChecks {
  syntax: boolean;
  /** The domain exists in DNS. null: not looked up (bad syntax) or DNS failed. */
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
