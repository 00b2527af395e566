import { randomBytes } from 'node:crypto';
import type { VerifierNet } from './ports.js';
import { classifyReply, type SmtpAnswer, type SmtpVerdict } from './smtp-reply.js';
import type { SmtpCheck } from './types.js';

export interface DomainProbe {
  checks: Map<string, SmtpCheck>;
  /** null: the random-address probe gave no clear answer (or was not needed). */
  catchAll: boolean | null;
}

/** What an answer means for the mailbox; replies before RCPT are about us, not the mailbox. */
export function verdictOf(answer: SmtpAnswer): SmtpVerdict | 'unreachable' {
  if (answer.kind === 'unreachable') return 'unreachable';
  if (answer.stage !== 'rcpt') {
    if (answer.code >= 500) return 'blocked';
    return answer.code >= 400 ? 'tempfail' : 'accepted';
  }
  return classifyReply(answer.code, answer.text);
}

const CHECK_OF: Record<SmtpVerdict | 'unreachable', SmtpCheck> = {
  accepted: 'accepted',
  rejected: 'rejected',
  disabled: 'disabled',
  full: 'full',
  blocked: 'blocked',
  greylisted: 'tempfail',
  tempfail: 'tempfail',
  too_many_recipients: 'tempfail',
  unreachable: 'unreachable',
};

/** A local part no one has: 20 random characters. */
export const randomProbeLocal = () => `lf-${randomBytes(9).toString('hex')}`;

/**
 * Probes the recipients of one domain (plus a random address when the catch-all answer is not
 * known yet, unless `probeCatchAll` says another call is asking it). Greylisted answers are
 * retried once after the greylist delay; a second greylist is a temporary failure.
 */
export async function probeDomain(
  net: VerifierNet,
  domain: string,
  hosts: string[],
  recipients: string[],
  knownCatchAll: boolean | null,
  options: { keepAlive?: boolean; probeCatchAll?: boolean } = {},
): Promise<DomainProbe> {
  const keepAlive = options.keepAlive ?? false;
  const catchAllProbe = knownCatchAll === null && (options.probeCatchAll ?? true) ? `${randomProbeLocal()}@${domain}` : null;
  const all = catchAllProbe ? [...recipients, catchAllProbe] : recipients;
  const verdicts = new Map<string, SmtpVerdict | 'unreachable'>();
  const answers = await net.smtp.probe({ domain, hosts, recipients: all, keepAlive });
  all.forEach((r, i) => verdicts.set(r, verdictOf(answers[i]!)));

  const greylisted = all.filter((r) => verdicts.get(r) === 'greylisted');
  if (greylisted.length > 0) {
    await (net.sleep ?? defaultSleep)(net.greylistRetryMs);
    const retried = await net.smtp.probe({ domain, hosts, recipients: greylisted, keepAlive });
    greylisted.forEach((r, i) => verdicts.set(r, verdictOf(retried[i]!)));
  }

  const checks = new Map(recipients.map((r) => [r, CHECK_OF[verdicts.get(r)!]]));
  let catchAll = knownCatchAll;
  if (catchAllProbe) {
    const v = verdicts.get(catchAllProbe);
    catchAll = v === 'accepted' ? true : v === 'rejected' || v === 'disabled' ? false : null;
  }
  return { checks, catchAll };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
