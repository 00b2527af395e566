import { isDisposableDomain, isFreeDomain, isRoleLocal } from './address-type.js';
import type { DomainFacts } from './domain-facts.js';
import { isGibberishLocal } from './gibberish.js';
import { providerFromMx } from './provider.js';
import { pickReason, statusOf } from './reason.js';
import { computeScore } from './score.js';
import { parseEmail } from './syntax.js';
import { suggestEmail } from './typo.js';
import type { SmtpCheck, VerifyReason, VerifyResult } from './types.js';

/** Everything learnt about one address; `smtp` is what the SMTP step concluded (or why it did not run). */
export interface Findings {
  input: string;
  facts?: DomainFacts;
  smtp: SmtpCheck;
  catchAll: boolean | null;
}

const SMTP_REASON: Partial<Record<SmtpCheck, VerifyReason>> = {
  accepted: 'accepted',
  rejected: 'mailbox_not_found',
  disabled: 'mailbox_disabled',
  full: 'mailbox_full',
  blocked: 'blocked',
  tempfail: 'smtp_tempfail',
  unreachable: 'smtp_unreachable',
  skipped: 'smtp_skipped',
};

/** The contract result of an address from its findings (pure). */
export function buildResult(f: Findings): VerifyResult {
  const parsed = parseEmail(f.input);
  const suggestion = suggestEmail(parsed.email);
  if (!parsed.ok) {
    return {
      email: parsed.email,
      status: 'invalid',
      reason: 'invalid_syntax',
      score: 0,
      suggestion,
      checks: { syntax: false, domain: null, mx: [], smtp: 'not_probed', catchAll: null, disposable: false, role: false, free: false, gibberish: false, provider: null },
    };
  }
  const facts = f.facts;
  const mx = facts && (facts.kind === 'mail' || facts.kind === 'no_mail_server') ? facts.mx : [];
  const checks = {
    syntax: true,
    domain: !facts || facts.kind === 'dns_error' ? null : facts.kind !== 'not_found',
    mx,
    smtp: f.smtp,
    catchAll: f.catchAll,
    disposable: isDisposableDomain(parsed.domain),
    role: isRoleLocal(parsed.local),
    free: isFreeDomain(parsed.domain),
    gibberish: isGibberishLocal(parsed.local),
    provider: providerFromMx(mx),
  };
  const reasons: VerifyReason[] = [];
  if (facts?.kind === 'not_found') reasons.push('domain_not_found');
  if (facts?.kind === 'no_mail_server') reasons.push('no_mail_server');
  if (facts?.kind === 'dns_error') reasons.push('smtp_unreachable');
  if (checks.disposable) reasons.push('disposable');
  const smtpReason = SMTP_REASON[f.smtp];
  if (smtpReason) reasons.push(smtpReason);
  // A role address is only "risky" when the server did not say the mailbox is gone.
  if (checks.role) reasons.push('role_account');
  if (f.smtp === 'accepted' && f.catchAll) reasons.push('catch_all');
  const reason = pickReason(reasons);
  const status = statusOf(reason);
  return { email: parsed.email, status, reason, score: computeScore(reason, checks, suggestion), suggestion, checks };
}
