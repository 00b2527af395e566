import type { SmtpCheck, VerifyReason, VerifyStatus } from './types';

/** Plain words for every status, reason and check of the verification contract. */

export const STATUS_LABELS: Record<VerifyStatus, string> = { valid: 'Valid', invalid: 'Invalid', risky: 'Risky', unknown: 'Unknown' };

export const STATUS_COLORS: Record<VerifyStatus, string> = { valid: 'teal', invalid: 'red', risky: 'orange', unknown: 'gray' };

/** What a status means for someone about to send. */
export const STATUS_ADVICE: Record<VerifyStatus, string> = {
  valid: 'Safe to send.',
  invalid: 'Do not send: mail to this address will bounce.',
  risky: 'Mail may be delivered, but it may bounce or never be read. Send with care.',
  unknown: 'We could not get a clear answer. Try again later; unknown answers cost no credits.',
};

export const REASON_LABELS: Record<VerifyReason, string> = {
  accepted: 'Accepted',
  invalid_syntax: 'Invalid syntax',
  domain_not_found: 'Domain not found',
  no_mail_server: 'No mail server',
  mailbox_not_found: 'Mailbox not found',
  mailbox_disabled: 'Mailbox disabled',
  mailbox_full: 'Mailbox full',
  catch_all: 'Catch-all domain',
  disposable: 'Disposable address',
  role_account: 'Role account',
  smtp_unreachable: 'Mail server unreachable',
  smtp_tempfail: 'Temporary failure',
  blocked: 'Blocked by the server',
  smtp_skipped: 'Mail server not asked',
};

/** The reason as a sentence. */
export const REASON_SENTENCES: Record<VerifyReason, string> = {
  accepted: 'The mail server said this mailbox exists and accepts mail.',
  invalid_syntax: 'This is not a well-formed email address.',
  domain_not_found: 'The domain does not exist.',
  no_mail_server: 'The domain exists but has no mail server, so it cannot receive email.',
  mailbox_not_found: 'The mail server said this mailbox does not exist.',
  mailbox_disabled: 'The mail server said this mailbox has been disabled.',
  mailbox_full: 'The mail server said this mailbox is full.',
  catch_all: 'The domain accepts mail for any address, so the server cannot tell whether this mailbox is real.',
  disposable: 'This is a throwaway address from a disposable email service.',
  role_account: 'This is a shared role address (like info@ or sales@) rather than a person.',
  smtp_unreachable: 'None of the mail servers of this domain could be reached.',
  smtp_tempfail: 'The mail server asked us to come back later (a temporary failure).',
  blocked: 'The mail server refused to talk to our verifier (a policy block about us, not about this address).',
  smtp_skipped: 'The mail server was not asked: only syntax, domain and address type were checked.',
};

export interface ScoreBand {
  color: string;
  label: string;
}

/** What a 0–100 score says (docs/VERIFY.md "Score"). */
export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return { color: 'teal', label: 'High confidence that mail will be delivered' };
  if (score >= 50) return { color: 'yellow', label: 'Medium confidence: delivery is likely but not certain' };
  if (score >= 1) return { color: 'orange', label: 'Low confidence: mail will probably not reach a person' };
  return { color: 'red', label: 'Mail to this address will not be delivered' };
}

export const SMTP_CHECK_TEXT: Record<SmtpCheck, string> = {
  accepted: 'Accepted the address',
  rejected: 'Rejected the address (no such mailbox)',
  disabled: 'Said the mailbox is disabled',
  full: 'Said the mailbox is full',
  blocked: 'Refused our verifier (policy block)',
  tempfail: 'Answered with a temporary failure',
  unreachable: 'Could not be reached',
  skipped: 'Not asked (SMTP check skipped)',
  not_probed: 'Not asked (an earlier check decided)',
};

const PROVIDER_NAMES: Record<string, string> = {
  google: 'Google Workspace / Gmail',
  microsoft: 'Microsoft 365 / Outlook',
  yahoo: 'Yahoo',
  proofpoint: 'Proofpoint',
  mimecast: 'Mimecast',
  barracuda: 'Barracuda',
  zoho: 'Zoho',
  icloud: 'iCloud',
  protonmail: 'Proton Mail',
  fastmail: 'Fastmail',
  yandex: 'Yandex',
  mailru: 'Mail.ru',
  gmx: 'GMX',
  ovh: 'OVH',
  amazon_ses: 'Amazon SES',
  ionos: 'IONOS',
  godaddy: 'GoDaddy',
};

export const providerName = (p: string | null) => (p ? (PROVIDER_NAMES[p] ?? p) : null);
