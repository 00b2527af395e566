/** One answer of a mail server about one recipient, as the prober saw it. */
export type SmtpAnswer =
  | { kind: 'reply'; stage: 'connect' | 'helo' | 'mail' | 'rcpt'; code: number; text: string }
  /** No server could be reached (refused, timed out, tarpit, proxy failure). */
  | { kind: 'unreachable'; detail: string };

export type SmtpVerdict = 'accepted' | 'rejected' | 'disabled' | 'full' | 'blocked' | 'greylisted' | 'tempfail' | 'too_many_recipients';

const GREYLIST_WORDS = /grey|gray|try again later|temporarily deferred|please retry|deferred/i;
const POLICY_WORDS = /block|blacklist|black list|spamhaus|\bspam\b|reputation|denied.*(ip|host)|(ip|host).*denied|not allowed to send|policy|\brbl\b|\bdnsbl\b|banned|refused.*connection|client host rejected|poor reputation|access denied/i;
const DISABLED_WORDS = /disabled|deactivated|inactive|suspended|no longer (active|in use|available)/i;
const FULL_WORDS = /(mailbox|quota|storage|inbox).*(full|exceeded)|over ?quota|insufficient storage/i;
const UNKNOWN_USER_WORDS = /(no such|unknown|invalid|does not exist|doesn't exist|not found|no mailbox|user.*not|recipient.*not|address.*rejected|undeliverable|not a valid)/i;

/** The RFC 3463 enhanced status code at the start of a reply text (5.1.1), or null. */
export function enhancedStatus(text: string): string | null {
  const m = /^\s*([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/**
 * What an SMTP reply says about a mailbox: by reply code and enhanced status first, then by
 * wording (servers without enhanced codes, or with misleading ones). Policy blocks of our own
 * IP are `blocked`, never a verdict on the mailbox.
 */
export function classifyReply(code: number, text: string): SmtpVerdict {
  const enh = enhancedStatus(text);
  if (code >= 200 && code < 300) return 'accepted';
  if (code === 452 && (enh === '4.5.3' || /too many recipients|recipients? limit/i.test(text))) return 'too_many_recipients';
  if (code >= 400 && code < 500) {
    if ((code === 450 || code === 451) && GREYLIST_WORDS.test(text)) return 'greylisted';
    if (enh === '4.2.2' || (code === 452 && FULL_WORDS.test(text))) return 'full';
    return 'tempfail';
  }
  if (code >= 500 && code < 600) {
    if (enh?.startsWith('5.7.') || (!enh && POLICY_WORDS.test(text))) return 'blocked';
    if (enh === '5.2.1' || DISABLED_WORDS.test(text)) return 'disabled';
    if (code === 552 || enh === '5.2.2' || FULL_WORDS.test(text)) return 'full';
    if (enh?.startsWith('5.1.')) return 'rejected';
    if (POLICY_WORDS.test(text)) return 'blocked';
    if ([550, 551, 553].includes(code) && (UNKNOWN_USER_WORDS.test(text) || !enh)) return 'rejected';
    if (code === 554 && UNKNOWN_USER_WORDS.test(text)) return 'rejected';
    return 'blocked';
  }
  return 'tempfail';
}
