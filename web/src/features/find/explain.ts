import type { DomainSource, FindReason, FindStatus } from './types';

/** Plain words for the finder's answers. */
export const STATUS_LABEL: Record<FindStatus, string> = { valid: 'Found', risky: 'Best guess', not_found: 'Not found' };
export const STATUS_COLOR: Record<FindStatus, string> = { valid: 'teal', risky: 'yellow', not_found: 'gray' };

export const REASON_TEXT: Record<FindReason, string> = {
  accepted: "The company's mail server accepted this address, and it does not accept made-up ones.",
  catch_all: "The company's mail server accepts every address, so it cannot confirm this one: it is the likeliest by the company's address pattern.",
  unverifiable: "The mail server would not answer (blocked, busy or unreachable): this is the likeliest address by pattern.",
  smtp_skipped: 'Mail servers were not asked: this is the likeliest address by pattern.',
  all_rejected: 'The mail server rejected every likely address for this person.',
  no_domain: 'No company domain was given or could be found.',
  domain_not_found: 'The company domain does not exist.',
  no_mail_server: 'The company domain has no mail server.',
  dns_error: 'The company domain could not be looked up right now. Try again later.',
  name_missing: 'A first and last name (or a full name) is needed.',
  below_min_confidence: 'An address was guessed, but with less confidence than you asked for.',
};

export const DOMAIN_SOURCE_TEXT: Record<DomainSource, string> = {
  given: 'domain as given',
  website: "from the company's website",
  workspace: 'from leads of this company in your workspace',
  guessed: 'derived from the company name and checked for a mail server',
};
