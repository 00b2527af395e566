import type { VerifyChecks, VerifyReason } from './types.js';

/** Starting score of each reason (docs/VERIFY.md "Score"). */
const BASE: Record<VerifyReason, number> = {
  accepted: 95,
  role_account: 65,
  catch_all: 55,
  smtp_skipped: 50,
  mailbox_full: 35,
  blocked: 40,
  smtp_tempfail: 40,
  smtp_unreachable: 30,
  disposable: 10,
  invalid_syntax: 0,
  domain_not_found: 0,
  no_mail_server: 0,
  mailbox_not_found: 0,
  mailbox_disabled: 0,
};

/**
 * 0–100 confidence that mail to the address is delivered to a person: the reason's base, minus
 * 20 for a gibberish local part, 10 for a role address (when that is not already the reason),
 * 15 when a typo suggestion exists; invalid addresses are always 0.
 */
export function computeScore(reason: VerifyReason, checks: Pick<VerifyChecks, 'gibberish' | 'role'>, suggestion: string | null): number {
  const base = BASE[reason];
  if (base === 0) return 0;
  let score = base;
  if (checks.gibberish) score -= 20;
  if (checks.role && reason !== 'role_account') score -= 10;
  if (suggestion) score -= 15;
  return Math.max(0, Math.min(100, score));
}
